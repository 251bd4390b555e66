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
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the Services of a Kubernetes API server with list-then-watch ({@code GET /api/v1/services}, then {@code
 * ?watch=1&resourceVersion=<list's>} as chunked NDJSON) and publishes {@code *.svc.cluster.local} records
 * ({@link KubernetesServiceRecords}) after every burst of events. A 410 Gone (HTTP or an ERROR event), a broken or
 * ended stream, or an unreachable server leads to a fresh list after a backoff (100 ms doubling to 10 s, reset by a
 * successful list); meanwhile the last records are served. One platform daemon thread.
 */
public final class KubernetesServiceSource implements RecordSource {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesServiceSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BACKOFF_MS = 10_000;

    private final URI api;
    private final HttpClient http;
    private volatile boolean closed;
    private volatile Thread reader;
    private volatile InputStream stream;

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
        publish(sink, Map.of()); // cluster.local is authoritative (NXDOMAIN + SOA) from the start
        Thread t = new Thread(() -> run(sink), "dns-kubernetes-watch");
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    private void run(RecordSink sink) {
        long backoff = 100;
        while (!closed) {
            try {
                Map<String, KubernetesServiceRecords.Service> model = new LinkedHashMap<>();
                String rv = list(model);
                publish(sink, model);
                backoff = 100;
                watch(sink, model, rv);
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.info("kubernetes watch of {}: {}; re-listing in {} ms", api, e.toString(), backoff);
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

    private String list(Map<String, KubernetesServiceRecords.Service> model) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve("api/v1/services"))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("list services: HTTP " + r.statusCode());
        }
        JsonNode list = JSON.readTree(r.body());
        for (JsonNode item : list.path("items")) {
            KubernetesServiceRecords.Service s = KubernetesServiceRecords.Service.of(item);
            model.put(s.key(), s);
        }
        return list.path("metadata").path("resourceVersion").asText("");
    }

    private void watch(RecordSink sink, Map<String, KubernetesServiceRecords.Service> model, String rv)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(
                        api.resolve("api/v1/services?watch=1&allowWatchBookmarks=true&resourceVersion=" + rv))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            r.body().close();
            throw new IOException("watch services: HTTP " + r.statusCode());
        }
        stream = r.body();
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
                        KubernetesServiceRecords.Service s = KubernetesServiceRecords.Service.of(object);
                        model.put(s.key(), s);
                    }
                    case "DELETED" -> model.remove(KubernetesServiceRecords.Service.of(object).key());
                    case "ERROR" -> throw new IOException("watch error event: " + object.path("code").asText()
                            + " " + object.path("message").asText());
                    default -> {
                        // BOOKMARK and unknown types change no record
                    }
                }
                if (!in.ready()) {
                    publish(sink, model); // one publication per burst
                }
            }
            throw new IOException("watch stream ended");
        } finally {
            stream = null;
        }
    }

    private void publish(RecordSink sink, Map<String, KubernetesServiceRecords.Service> model) {
        if (!closed) {
            sink.publish(name(), KubernetesServiceRecords.generate(model.values()));
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        Thread t = reader;
        if (t != null) {
            t.interrupt();
        }
    }
}
