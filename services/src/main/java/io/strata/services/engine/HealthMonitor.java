package io.strata.services.engine;

import io.strata.services.model.AppDefinition;
import io.strata.services.model.Condition;
import io.strata.services.model.HealthCheckDefinition;
import io.strata.services.model.Instance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the HTTP, HTTPS and TCP health checks Marathon runs from its leader: every such check of an app, each on
 * its own interval. {@link #tick} is called about once a second with the running instances; a check whose
 * interval has passed is probed on a virtual thread and its outcome handed to the {@link Sink}. HTTP passes on
 * 200-399 within the timeout (1xx ignored when asked).
 */
final class HealthMonitor implements AutoCloseable {

    /** Receives probe outcomes, from probe threads. */
    interface Sink {
        /** One probe of framework-run check {@code index} of {@code taskId} passed or failed at {@code at}. */
        void result(String taskId, int index, boolean passed, Instant at, String cause);
    }

    private final Sink sink;
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Instant> nextProbe = new ConcurrentHashMap<>();
    private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();

    HealthMonitor(Sink sink) {
        this.sink = sink;
    }

    /** The framework-run checks of an app, in definition order: a check's index is its position here. */
    static List<HealthCheckDefinition> frameworkChecks(AppDefinition app) {
        return app.healthChecks().stream().filter(h -> h.protocol().runsInFramework()).toList();
    }

    /** Probes every running instance of {@code app} for each of its checks that is due at {@code now}. */
    void tick(AppDefinition app, Iterable<Instance> instances, Instant now) {
        List<HealthCheckDefinition> checks = frameworkChecks(app);
        if (checks.isEmpty()) {
            return;
        }
        for (Instance instance : instances) {
            if (instance.condition() != Condition.RUNNING || instance.killRequestedAt() != null) {
                continue;
            }
            for (int i = 0; i < checks.size(); i++) {
                HealthCheckDefinition check = checks.get(i);
                int index = i;
                String key = instance.taskId() + "#" + i;
                Instant due = nextProbe.get(key);
                if (due != null && now.isBefore(due) || inFlight.putIfAbsent(key, true) != null) {
                    continue;
                }
                nextProbe.put(key, now.plusSeconds(check.intervalSeconds()));
                probes.execute(() -> {
                    try {
                        String cause = probe(check, instance);
                        sink.result(instance.taskId(), index, cause == null, Instant.now(), cause);
                    } finally {
                        inFlight.remove(key);
                    }
                });
            }
        }
    }

    /** Forgets an instance that ended. */
    void forget(String taskId) {
        nextProbe.keySet().removeIf(key -> key.startsWith(taskId + "#"));
    }

    /** Null when the check passed, else why it failed. */
    private String probe(HealthCheckDefinition check, Instance instance) {
        int port = TaskFactory.port(check, instance);
        Duration timeout = Duration.ofSeconds(check.timeoutSeconds());
        if (check.protocol() == HealthCheckDefinition.Protocol.TCP) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(instance.host(), port), (int) timeout.toMillis());
                return null;
            } catch (IOException e) {
                return "TCP connect failed: " + e.getMessage();
            }
        }
        String scheme = check.protocol() == HealthCheckDefinition.Protocol.HTTPS ? "https" : "http";
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://" + instance.host() + ":" + port
                    + check.path())).timeout(timeout).GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 400 || check.ignoreHttp1xx() && status < 200) {
                return null;
            }
            return "HTTP " + status;
        } catch (IOException | IllegalArgumentException e) {
            return "HTTP request failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void close() {
        probes.shutdownNow();
        http.close();
    }
}
