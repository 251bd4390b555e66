package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.strata.kubernetes.selector.FieldSelector;
import io.strata.kubernetes.selector.LabelSelector;
import io.strata.kubernetes.store.PooledJson;
import io.strata.kubernetes.store.StoreEvent;
import io.strata.kubernetes.store.StoreFailure;
import io.strata.kubernetes.store.Watch;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Serves watches: newline-delimited JSON {@code WatchEvent}s over a chunked HTTP response (flushed whenever the
 * watcher's queue is drained: one chunk per burst, at most {@value #MAX_UNFLUSHED} events), or
 * one event per text message over a WebSocket upgrade. Honours resourceVersion (0 or unset: synthetic ADDED events
 * first), label and field selectors, {@code timeoutSeconds} (absent: the stream stays open),
 * {@code allowWatchBookmarks} and Table rendering; an expired resourceVersion gives one 410 ERROR event.
 */
public final class WatchStreamer implements AutoCloseable {

    private static final ObjectMapper JSON = PooledJson.mapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Events a slow watcher may fall behind by before its stream is ended (the client re-lists). */
    private static final int QUEUE_CAPACITY = 50_000;
    private static final long BOOKMARK_INTERVAL_MILLIS = 30_000;
    /** Events written before a flush even while more are queued, so that a steady stream is not held back. */
    private static final int MAX_UNFLUSHED = 64;
    /** Streams without timeoutSeconds stay open this long, as upstream's 30-60 minutes. */
    private static final long DEFAULT_TIMEOUT_MILLIS = 60 * 60_000;

    private final ResourceService service;
    /** Serialized plain events by revision: fan-out to many watchers encodes each event once. */
    private final Map<Long, byte[]> encoded = new ConcurrentHashMap<>();
    private final Map<Object, Runnable> open = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A streamer over the service's store. */
    public WatchStreamer(ResourceService service) {
        this.service = service;
    }

    /** The parameters of one watch request. */
    private record Request(RequestTarget target, long fromRevision, Predicate<JsonNode> filter, long timeoutMillis,
            boolean bookmarks, boolean table) {
    }

    private interface Sink {
        void send(JsonNode event) throws IOException;

        /** Sends an already encoded event (its JSON and a newline); the default decodes it and re-encodes. */
        default void sendEncoded(byte[] line) throws IOException {
            send(JSON.readTree(line));
        }

        /** Pushes what was sent to the client; sinks that send each event as it comes need not. */
        default void flush() throws IOException {
        }
    }

    private Request request(RequestTarget t, Function<String, String> query, boolean table) {
        String rv = Optional.ofNullable(query.apply("resourceVersion")).orElse("");
        long from;
        try {
            from = rv.isEmpty() ? 0 : Long.parseLong(rv);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid resource version: " + rv);
        }
        LabelSelector labels = LabelSelector.parse(query.apply("labelSelector"));
        FieldSelector fields = FieldSelector.parse(query.apply("fieldSelector"));
        String name = t.name();
        Predicate<JsonNode> filter = o -> labels.matches(o) && fields.matches(o)
                && (name == null || name.equals(o.path("metadata").path("name").asText()));
        String timeout = query.apply("timeoutSeconds");
        long timeoutMillis = timeout == null || timeout.isEmpty() ? DEFAULT_TIMEOUT_MILLIS
                : Long.parseLong(timeout) * 1000;
        return new Request(t, from, filter, timeoutMillis, "true".equals(query.apply("allowWatchBookmarks")), table);
    }

    /** Streams a watch as the HTTP response of {@code ctx}; returns when the stream ends. */
    public void stream(Context ctx, RequestTarget t) throws IOException {
        boolean table = ApiRoutes.wantsTable(ctx);
        Request r = request(t, ctx::queryParam, table);
        extendIdleTimeout(ctx, r.timeoutMillis() + 60_000);
        ctx.status(200);
        ctx.contentType(table ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json");
        ctx.res().setHeader("Cache-Control", "no-cache, private");
        OutputStream out = ctx.res().getOutputStream();
        out.flush();
        run(r, new Sink() {
            @Override
            public void send(JsonNode event) throws IOException {
                sendEncoded(line(event));
            }

            @Override
            public void sendEncoded(byte[] line) throws IOException {
                // one write of the shared bytes; run() flushes once the queue is drained, so a burst of events
                // goes out in one chunk and one syscall instead of one per event
                out.write(line);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        });
    }

    private static void extendIdleTimeout(Context ctx, long millis) {
        try {
            var request = org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req());
            request.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(millis);
        } catch (RuntimeException e) {
            // not on Jetty's ee10 servlet stack: the connector's idle timeout applies
        }
    }

    /** Configures a WebSocket endpoint that serves the same watches, one event per text message. */
    public void webSocket(WsConfig ws, Function<String, RequestTarget> targets) {
        ws.onConnect(c -> {
            String path = c.session.getUpgradeRequest().getRequestURI().getPath();
            Request r;
            try {
                r = request(targets.apply(path), c::queryParam, false);
            } catch (ApiError e) {
                c.send(JSON.writeValueAsString(event("ERROR", e.status())));
                c.session.close();
                return;
            }
            c.enableAutomaticPings(20, TimeUnit.SECONDS);
            Thread thread = Thread.ofVirtual().name("k8s-ws-watch").start(() -> {
                try {
                    run(r, event -> {
                        if (!c.session.isOpen()) {
                            throw new IOException("websocket closed");
                        }
                        c.send(JSON.writeValueAsString(event));
                    });
                } catch (IOException | RuntimeException e) {
                    // the client went away
                } finally {
                    c.session.close();
                }
            });
            open.put(c.sessionId(), thread::interrupt);
        });
        ws.onClose(c -> {
            Runnable stop = open.remove(c.sessionId());
            if (stop != null) {
                stop.run();
            }
        });
    }

    private void run(Request r, Sink sink) throws IOException {
        LinkedBlockingQueue<StoreEvent> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
        AtomicBoolean overflow = new AtomicBoolean();
        Watch watch;
        try {
            watch = service.store().watch(r.target().type().storeKey(), r.target().namespace(), r.fromRevision(),
                    e -> {
                        if (!queue.offer(e)) {
                            overflow.set(true);
                        }
                    });
        } catch (StoreFailure e) {
            sink.send(event("ERROR", ApiError.expired(e.getMessage()).status()));
            sink.flush();
            return;
        }
        Thread self = Thread.currentThread();
        Object key = new Object();
        open.put(key, self::interrupt);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(r.timeoutMillis());
            boolean first = true;
            long lastSent = System.nanoTime();
            int unflushed = 0;
            while (!closed.get() && !overflow.get()) {
                if (unflushed > 0 && (queue.isEmpty() || unflushed >= MAX_UNFLUSHED)) {
                    sink.flush();
                    unflushed = 0;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                StoreEvent e = queue.poll(Math.min(left, BOOKMARK_INTERVAL_MILLIS), TimeUnit.MILLISECONDS);
                if (e == null) {
                    if (r.bookmarks() && !r.table()
                            && System.nanoTime() - lastSent >= TimeUnit.MILLISECONDS.toNanos(BOOKMARK_INTERVAL_MILLIS)) {
                        sink.send(bookmark(r));
                        unflushed++;
                        lastSent = System.nanoTime();
                    }
                    continue;
                }
                boolean now = r.filter().test(e.object());
                boolean before = e.previous() != null && r.filter().test(e.previous());
                String type = e.type().name();
                if (e.type() == StoreEvent.Type.MODIFIED && now != before) {
                    type = now ? "ADDED" : "DELETED";
                } else if (!now) {
                    continue;
                }
                if (r.table()) {
                    sink.send(event(type, TablePrinter.table(r.target().type(), List.of(e.object()),
                            Long.toString(e.revision()), "", service.instant(), first)));
                } else if (type.equals(e.type().name())) {
                    sink.sendEncoded(encode(e));
                } else {
                    sink.send(event(type, e.object()));
                }
                first = false;
                unflushed++;
                lastSent = System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(key);
            watch.close();
        }
    }

    private byte[] encode(StoreEvent e) throws IOException {
        // synthetic ADDED events share the revision of the write that produced the object
        long key = e.revision() * 4 + e.type().ordinal();
        byte[] bytes = encoded.get(key);
        if (bytes != null) {
            return bytes;
        }
        if (encoded.size() > 10_000) {
            encoded.clear();
        }
        // one watcher encodes, the others woken by the same event wait for its bytes instead of encoding too
        try {
            return encoded.computeIfAbsent(key, k -> {
                try {
                    return line(event(e.type().name(), e.object()));
                } catch (IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            });
        } catch (java.io.UncheckedIOException x) {
            throw x.getCause();
        }
    }

    /** An event's JSON and the newline that ends it on a stream. */
    private static byte[] line(JsonNode event) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(512);
        JSON.writeValue(bytes, event);
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private ObjectNode bookmark(Request r) {
        ObjectNode o = F.objectNode();
        o.put("kind", r.target().type().kind());
        o.put("apiVersion", r.target().type().apiVersion());
        o.putObject("metadata").put("resourceVersion", Long.toString(service.store().revision()));
        return event("BOOKMARK", o);
    }

    private static ObjectNode event(String type, JsonNode object) {
        ObjectNode e = F.objectNode();
        e.put("type", type);
        e.set("object", object);
        return e;
    }

    /** Ends every open stream. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            open.values().forEach(Runnable::run);
        }
    }
}
