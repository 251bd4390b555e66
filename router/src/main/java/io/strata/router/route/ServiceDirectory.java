package io.strata.router.route;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service-name table of {@code /service/<name>/} and the agent table of {@code /agent/<id>/}, read from the
 * leading master's {@code /master/state} (frameworks and their {@code webui_url}, agents and their {@code pid})
 * and, when a services URL is configured, Marathon's {@code /v2/apps?embed=apps.tasks} (apps labelled
 * {@code DCOS_SERVICE_NAME}); see {@link ServiceCatalog}.
 *
 * <p>The table is kept for {@code ttl}; a name that is missing, or a stale table, triggers one refresh (concurrent
 * callers share it, and a miss refreshes at most every {@code minRefresh} so unknown names cannot hammer the
 * master). When both sources fail, a stale table is still used.
 */
public final class ServiceDirectory {
    private static final String APPS_PATH = "/v2/apps?embed=apps.tasks";
    private final LeaderLocator leader;
    private final Optional<URI> services;
    private final HttpFetcher fetcher;
    private final Duration ttl;
    private final Duration minRefresh;
    private final InstantSource clock;
    private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Instant.EPOCH, List.of());

    /** Service names and agent ids to base URLs, when they were read, and what failed while reading them. */
    private record Snapshot(Map<String, URI> table, Map<String, URI> agents, Instant at, List<String> errors) { }

    /** A directory over the leader's state and, if present, the services (Marathon API) base URL. */
    public ServiceDirectory(LeaderLocator leader, Optional<URI> services, HttpFetcher fetcher, Duration ttl,
                            InstantSource clock) {
        this.leader = leader;
        this.services = services;
        this.fetcher = fetcher;
        this.ttl = ttl;
        this.minRefresh = ttl.dividedBy(10).compareTo(Duration.ofMillis(200)) < 0
                ? Duration.ofMillis(200) : ttl.dividedBy(10);
        this.clock = clock;
    }

    /** The base URL registered under {@code name}, or why there is none. */
    public Lookup lookup(String name) {
        return lookup(name, Snapshot::table, "service '" + name + "'",
                "no framework or app is registered under the service name '" + name + "'");
    }

    /** The base URL of the agent with id {@code id}, or why there is none. */
    public Lookup agent(String id) {
        return lookup(id, Snapshot::agents, "agent '" + id + "'", "agent " + id + " unknown");
    }

    private Lookup lookup(String key, java.util.function.Function<Snapshot, Map<String, URI>> table, String what,
                          String unknown) {
        Snapshot s = snapshot;
        URI hit = table.apply(s).get(key);
        if (hit != null && clock.instant().isBefore(s.at().plus(ttl))) {
            return new Lookup.Found(hit);
        }
        s = refresh(hit == null ? minRefresh : ttl);
        hit = table.apply(s).get(key);
        if (hit != null) {
            return new Lookup.Found(hit);
        }
        return miss(s, table, what, unknown);
    }

    /** A name missing from table {@code s}: unknown, or unavailable when the table could not be read at all. */
    private static Lookup miss(Snapshot s, java.util.function.Function<Snapshot, Map<String, URI>> table,
                               String what, String unknown) {
        if (!s.errors().isEmpty() && table.apply(s).isEmpty()) {
            return new Lookup.Unavailable("cannot look up " + what + ": " + String.join("; ", s.errors()));
        }
        return new Lookup.Unknown(unknown);
    }

    /**
     * The answer for {@code name} if it is known without blocking, else empty (the caller then calls
     * {@link #lookup} off the network threads). A hit is served for {@code ttl}, then for one more {@code ttl}
     * while one refresh runs in the background; a miss is answered {@link Lookup.Unknown} only while the table is
     * younger than the miss throttle (a new name is looked up at once, as {@link #lookup} does). With
     * {@code missIsNormal} (a name with a fallback upstream, such as {@code kubernetes}) a miss is treated like a
     * hit: the table is not read again on every request that misses.
     */
    public Optional<Lookup> cached(String name, boolean missIsNormal) {
        return cached(name, Snapshot::table, missIsNormal, "service '" + name + "'",
                "no framework or app is registered under the service name '" + name + "'");
    }

    /** The base URL of agent {@code id} if it is known without blocking (as {@link #cached}), else empty. */
    public Optional<Lookup> cachedAgent(String id) {
        return cached(id, Snapshot::agents, false, "agent '" + id + "'", "agent " + id + " unknown");
    }

    private Optional<Lookup> cached(String key, java.util.function.Function<Snapshot, Map<String, URI>> table,
                                    boolean missIsNormal, String what, String unknown) {
        Snapshot s = snapshot;
        URI hit = table.apply(s).get(key);
        Instant now = clock.instant();
        if (hit != null || missIsNormal) {
            if (now.isAfter(s.at().plus(ttl).plus(ttl))) {
                return Optional.empty();
            }
            if (now.isAfter(s.at().plus(ttl))) {
                refreshInBackground();
            }
            return Optional.of(hit != null ? new Lookup.Found(hit) : miss(s, table, what, unknown));
        }
        if (now.isBefore(s.at().plus(minRefresh))) {
            return Optional.of(miss(s, table, what, unknown));
        }
        return Optional.empty();
    }

    private void refreshInBackground() {
        if (refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("strata-router-directory").start(() -> {
                try {
                    refresh(ttl);
                } finally {
                    refreshing.set(false);
                }
            });
        }
    }

    /**
     * Marks the table stale (an upstream it named refused a connection: its task may have moved), so the next
     * lookup reads it again; until then, and if that read fails, the old entries still answer.
     */
    public void expire() {
        Snapshot s = snapshot;
        snapshot = new Snapshot(s.table(), s.agents(), Instant.EPOCH, s.errors());
    }

    /** Refreshes unless another caller did so within {@code age}. */
    private synchronized Snapshot refresh(Duration age) {
        Snapshot s = snapshot;
        if (clock.instant().isBefore(s.at().plus(age))) {
            return s;
        }
        List<String> errors = new ArrayList<>();
        JsonNode state = fetchState(errors);
        JsonNode apps = null;
        if (services.isPresent()) {
            try {
                apps = fetcher.json(URI.create(services.get() + APPS_PATH));
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
        }
        Snapshot next;
        if (state == null && apps == null && !s.table().isEmpty()) {
            next = new Snapshot(s.table(), s.agents(), clock.instant(), List.copyOf(errors));
        } else {
            next = new Snapshot(ServiceCatalog.build(state, apps),
                    state == null ? s.agents() : ServiceCatalog.agents(state), clock.instant(), List.copyOf(errors));
        }
        snapshot = next;
        return next;
    }

    private JsonNode fetchState(List<String> errors) {
        Lookup master = leader.leader();
        switch (master) {
            case Lookup.Found found -> {
                try {
                    return fetcher.json(URI.create(found.base() + "/master/state"));
                } catch (IOException e) {
                    leader.invalidate();
                    errors.add(e.getMessage());
                    return null;
                }
            }
            case Lookup.Unknown unknown -> errors.add(unknown.message());
            case Lookup.Unavailable unavailable -> errors.add(unavailable.message());
        }
        return null;
    }
}
