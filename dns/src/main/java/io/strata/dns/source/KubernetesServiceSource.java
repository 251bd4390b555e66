package io.strata.dns.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the Services and Endpoints (for headless Services) of a Kubernetes API server with list-then-watch
 * ({@code GET /api/v1/services}, then {@code ?watch=1&resourceVersion=<list's>} as chunked NDJSON; the same for
 * endpoints) and publishes {@code *.svc.cluster.local} records ({@link KubernetesServiceRecords}) after every burst
 * of events. A 410 Gone (HTTP or an ERROR event), a broken or
 * ended stream, or an unreachable server leads to a fresh list after a backoff (100 ms doubling to 10 s, reset by a
 * successful list); meanwhile the last records are served. One platform daemon thread per resource.
 */
public final class KubernetesServiceSource implements RecordSource {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesServiceSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BACKOFF_MS = 10_000;

    private final URI api;
    private final HttpClient http;
    private final Map<String, KubernetesServiceRecords.Service> services = new LinkedHashMap<>();
    private final Map<String, KubernetesServiceRecords.Endpoints> endpoints = new LinkedHashMap<>();
    private final List<Thread> readers = new CopyOnWriteArrayList<>();
    private final List<InputStream> streams = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** A source watching the API server at {@code api} (e.g. {@code http://127.0.0.1:6443}). */
    public KubernetesServiceSource(URI api) {
        this.api = URI.create(api.toString().replaceAll("/+$", "") + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public void start(RecordSink sink) {
        publish(sink); // cluster.local is authoritative (NXDOMAIN + SOA) from the start
        start(sink, "services", services, KubernetesServiceRecords.Service::of,
                KubernetesServiceRecords.Service::key);
        start(sink, "endpoints", endpoints, KubernetesServiceRecords.Endpoints::of,
                KubernetesServiceRecords.Endpoints::key);
    }

    private <T> void start(RecordSink sink, String resource, Map<String, T> model, Function<JsonNode, T> parse,
                           Function<T, String> key) {
        Thread t = new Thread(() -> run(sink, new Watched<>(resource, model, parse, key)),
                "dns-kubernetes-watch-" + resource);
        t.setDaemon(true);
        readers.add(t);
        t.start();
    }

    /** One watched resource: its path under {@code /api/v1/}, its part of the model, and how to read an object. */
    private record Watched<T>(String resource, Map<String, T> model, Function<JsonNode, T> parse,
                              Function<T, String> key) {
    }

    private <T> void run(RecordSink sink, Watched<T> w) {
        long backoff = 100;
        boolean reported = false;
        while (!closed) {
            try {
                String rv = list(sink, w);
                backoff = 100;
                reported = false;
                watch(sink, w, rv);
            } catch (IOException | RuntimeException e) {
                if (!closed && !reported) {
                    // once per outage: an API server that is not there yet (a package not installed) retries
                    // every 10 s for as long as it takes
                    LOG.info("kubernetes watch of {}: {}; re-listing with backoff", api, e.toString());
                    reported = true;
                } else if (!closed) {
                    LOG.debug("kubernetes watch of {}: {}; re-listing in {} ms", api, e.toString(), backoff);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    private <T> String list(RecordSink sink, Watched<T> w) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve("api/v1/" + w.resource()))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("list " + w.resource() + ": HTTP " + r.statusCode());
        }
        JsonNode list = JSON.readTree(r.body());
        Map<String, T> fresh = new LinkedHashMap<>();
        for (JsonNode item : list.path("items")) {
            T o = w.parse().apply(item);
            fresh.put(w.key().apply(o), o);
        }
        synchronized (this) {
            w.model().clear();
            w.model().putAll(fresh);
        }
        publish(sink);
        return list.path("metadata").path("resourceVersion").asText("");
    }

    private <T> void watch(RecordSink sink, Watched<T> w, String rv) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(api.resolve("api/v1/" + w.resource()
                        + "?watch=1&allowWatchBookmarks=true&resourceVersion=" + rv))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            r.body().close();
            throw new IOException("watch " + w.resource() + ": HTTP " + r.statusCode());
        }
        streams.add(r.body());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            if (closed) {
                return;
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                String type = event.path("type").asText();
                JsonNode object = event.path("object");
                switch (type) {
                    case "ADDED", "MODIFIED" -> {
                        T o = w.parse().apply(object);
                        synchronized (this) {
                            w.model().put(w.key().apply(o), o);
                        }
                    }
                    case "DELETED" -> {
                        String k = w.key().apply(w.parse().apply(object));
                        synchronized (this) {
                            w.model().remove(k);
                        }
                    }
                    case "ERROR" -> throw new IOException("watch error event: " + object.path("code").asText()
                            + " " + object.path("message").asText());
                    default -> {
                        // BOOKMARK and unknown types change no record
                    }
                }
                if (!in.ready()) {
                    publish(sink); // one publication per burst
                }
            }
            throw new IOException("watch stream ended");
        } finally {
            streams.remove(r.body());
        }
    }

    private synchronized void publish(RecordSink sink) {
        if (!closed) {
            sink.publish(name(), KubernetesServiceRecords.generate(List.copyOf(services.values()),
                    Map.copyOf(endpoints)));
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true; // under the lock: no publication is under way or follows
        }
        for (InputStream s : streams) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        readers.forEach(Thread::interrupt);
    }
}
