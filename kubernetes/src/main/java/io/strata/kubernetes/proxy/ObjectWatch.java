package io.strata.kubernetes.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the objects of one resource of all namespaces ({@code /api/v1/services}) in step with the API server over
 * its HTTP API, as an informer does: a list, then a watch from the list's resourceVersion (NDJSON events); a broken
 * stream resumes from the last seen version, and a 410 Expired or any other failure lists again after a pause.
 * {@code onChange} runs on the watch's thread after every applied list or event.
 */
public final class ObjectWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectWatch.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Pause before listing again after a failure. */
    static final Duration RETRY = Duration.ofSeconds(1);

    private final HttpClient http;
    private final String base;
    private final Runnable onChange;
    private final Map<String, JsonNode> objects = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean synced;
    private Thread thread;

    /** A watch of {@code apiUrl + path} (e.g. {@code http://127.0.0.1:6443} and {@code /api/v1/endpoints}). */
    public ObjectWatch(HttpClient http, String apiUrl, String path, Runnable onChange) {
        this.http = http;
        this.base = apiUrl.replaceAll("/+$", "") + path;
        this.onChange = onChange;
    }

    /** Starts listing and watching on a virtual thread. */
    public ObjectWatch start() {
        thread = Thread.ofVirtual().name("watch " + base).start(this::run);
        return this;
    }

    /** The current objects by {@code namespace/name}. */
    public Map<String, JsonNode> objects() {
        return Map.copyOf(objects);
    }

    /** Whether a first list has been applied. */
    public boolean synced() {
        return synced;
    }

    private void run() {
        String version = null;
        while (!closed.get()) {
            try {
                if (version == null) {
                    version = list();
                }
                version = watch(version);
            } catch (IOException | RuntimeException e) {
                if (!closed.get()) {
                    LOG.debug("watch {} failed: {}", base, e.toString());
                }
                version = null;
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String list() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("list " + base + ": HTTP " + r.statusCode());
        }
        JsonNode list = JSON.readTree(r.body());
        Map<String, JsonNode> fresh = new java.util.HashMap<>();
        list.path("items").forEach(o -> fresh.put(key(o), o));
        objects.keySet().retainAll(fresh.keySet());
        objects.putAll(fresh);
        synced = true;
        onChange.run();
        return list.path("metadata").path("resourceVersion").asText();
    }

    /** Applies events until the stream ends; returns the version to resume from, or null to list again. */
    private String watch(String version) throws IOException, InterruptedException {
        URI uri = URI.create(base + "?watch=true&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion="
                + version);
        HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
            r.body().close();
            return null;
        }
        String last = version;
        try (Stream<String> lines = r.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext() && !closed.get()) {
                String line = it.next();
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                String type = event.path("type").asText();
                JsonNode object = event.path("object");
                if (type.equals("ERROR")) {
                    return null; // 410 Expired and the like: list again
                }
                last = object.path("metadata").path("resourceVersion").asText(last);
                switch (type) {
                    case "ADDED", "MODIFIED" -> objects.put(key(object), object);
                    case "DELETED" -> objects.remove(key(object));
                    default -> {
                        continue; // BOOKMARK: only the version moves
                    }
                }
                onChange.run();
            }
        }
        return last;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.set(true);
        }
    }

    private static String key(JsonNode o) {
        return o.path("metadata").path("namespace").asText() + "/" + o.path("metadata").path("name").asText();
    }

    /** Stops watching (the stream is abandoned; the thread ends). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && thread != null) {
            thread.interrupt();
        }
    }
}
