package io.strata.router.health;

import io.strata.router.route.HttpFetcher;
import io.strata.router.route.Lookup;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Probes every {@link Component} at once and builds the {@code /system/health} document:
 * {@code {"healthy":bool,"components":{"mesos":{"health":"HEALTHY","url":...,"status":200},...}}}; {@code healthy}
 * is true when every configured component is. Each probe is bounded by {@code timeout}.
 */
public final class HealthCheck {
    /** A component that answered with a status below 500. */
    public static final String HEALTHY = "HEALTHY";
    /** A component that could not be reached, or answered 5xx. */
    public static final String UNHEALTHY = "UNHEALTHY";
    /** A component the router was not given an address for. */
    public static final String NOT_CONFIGURED = "NOT_CONFIGURED";
    private final List<Component> components;
    private final HttpFetcher fetcher;
    private final Duration timeout;

    /** A check over {@code components}, probing with {@code fetcher}'s client. */
    public HealthCheck(List<Component> components, HttpFetcher fetcher, Duration timeout) {
        this.components = List.copyOf(components);
        this.fetcher = fetcher;
        this.timeout = timeout;
    }

    /** Probes all components (in parallel) and answers the report. */
    public Map<String, Object> report() {
        Map<String, CompletableFuture<Map<String, Object>>> probes = new LinkedHashMap<>();
        for (Component c : components) {
            probes.put(c.name(), probe(c));
        }
        Map<String, Object> byName = new LinkedHashMap<>();
        boolean healthy = true;
        for (var e : probes.entrySet()) {
            Map<String, Object> one = e.getValue().join();
            healthy &= !UNHEALTHY.equals(one.get("health"));
            byName.put(e.getKey(), one);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("healthy", healthy);
        out.put("components", byName);
        return out;
    }

    private CompletableFuture<Map<String, Object>> probe(Component c) {
        // lookups may block on the network: each gets its own virtual thread, so they overlap
        return CompletableFuture.supplyAsync(c.base()::get, Thread.ofVirtual().name("strata-router-health")::start)
                .thenCompose(lookup -> switch (lookup) {
                    case Lookup.Found found -> call(found.base(), c.probePath());
                    case Lookup.Unknown unknown -> done(state(NOT_CONFIGURED, null, unknown.message()));
                    case Lookup.Unavailable unavailable -> done(unavailable.message().contains("not configured")
                            ? state(NOT_CONFIGURED, null, unavailable.message())
                            : state(UNHEALTHY, null, unavailable.message()));
                })
                .exceptionally(e -> state(UNHEALTHY, null, HttpFetcher.describe(e)));
    }

    private CompletableFuture<Map<String, Object>> call(URI base, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build();
        return fetcher.client().sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> {
                    Map<String, Object> m = state(r.statusCode() < 500 ? HEALTHY : UNHEALTHY, base, null);
                    m.put("status", r.statusCode());
                    return m;
                })
                .exceptionally(e -> state(UNHEALTHY, base, HttpFetcher.describe(e)));
    }

    private static CompletableFuture<Map<String, Object>> done(Map<String, Object> value) {
        return CompletableFuture.completedFuture(value);
    }

    private static Map<String, Object> state(String health, URI url, String error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("health", health);
        if (url != null) {
            m.put("url", url.toString());
        }
        if (error != null) {
            m.put("error", error);
        }
        return m;
    }
}
