package io.strata.services.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code text/event-stream} response: producers {@link #send} from any thread without blocking; the request
 * thread {@link #serve}s until the client leaves or the stream is closed. Sends a comment line every 15 s so that
 * idle connections stay open and a gone client is noticed. A client more than 10,000 events behind is cut off.
 */
final class SseStream {
    private static final String CLOSE = "\u0000close";
    private static final int MAX_QUEUED = 10_000;
    private static final long KEEPALIVE_SECONDS = 15;

    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Queues one event. */
    void send(String type, String json) {
        if (closed.get()) {
            return;
        }
        if (queue.size() >= MAX_QUEUED) {
            close();
            return;
        }
        queue.add("event: " + type + "\ndata: " + json + "\n\n");
    }

    /** Ends the stream. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            queue.add(CLOSE);
        }
    }

    /** Serves on the calling thread until the stream ends. */
    void serve(Context ctx) {
        ctx.status(200).contentType("text/event-stream");
        ctx.res().setHeader("Cache-Control", "no-cache");
        try {
            OutputStream out = ctx.res().getOutputStream();
            out.flush();
            while (!closed.get()) {
                String next = queue.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                if (next == null) {
                    out.write(":\n\n".getBytes(StandardCharsets.UTF_8));
                } else if (next.equals(CLOSE)) {
                    break;
                } else {
                    out.write(next.getBytes(StandardCharsets.UTF_8));
                    String more;
                    while ((more = queue.poll()) != null && !more.equals(CLOSE)) {
                        out.write(more.getBytes(StandardCharsets.UTF_8));
                    }
                    if (more != null) {
                        out.flush();
                        break;
                    }
                }
                out.flush();
            }
        } catch (IOException e) {
            // the client left
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed.set(true);
        }
    }
}
