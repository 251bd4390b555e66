package io.strata.dashboard.feed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One browser's Server-Sent Events connection: producers {@link #offer} frames from any thread without blocking;
 * the HTTP handler's thread {@link #serve}s them until either side ends it. A browser that stops reading is cut
 * once {@value #MAX_QUEUED} frames wait (EventSource then reconnects and starts from a fresh summary).
 */
final class SseChannel {
    static final int MAX_QUEUED = 1024;
    private static final String END = "";
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private volatile boolean open = true;

    /** Queues one event; false when the channel is closed or was too slow and is now closed. */
    boolean offer(String event, String json) {
        if (!open) {
            return false;
        }
        if (queue.size() >= MAX_QUEUED) {
            close();
            return false;
        }
        return queue.offer("event: " + event + "\ndata: " + json + "\n\n");
    }

    /** Accepts no more events; the serving thread writes those already queued, then finishes the response. */
    void close() {
        open = false;
        queue.offer(END);
    }

    boolean isOpen() {
        return open;
    }

    /**
     * Writes frames to {@code out} until closed or the write fails; a comment line every {@code ping} keeps
     * proxies from timing the connection out and notices a browser that went away.
     */
    void serve(OutputStream out, Duration ping) {
        try {
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                String frame = queue.poll(ping.toMillis(), TimeUnit.MILLISECONDS);
                if (frame == null) {
                    frame = ": ping\n\n";
                } else if (frame.isEmpty()) {
                    out.flush();
                    return;
                }
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                // write what else is queued before flushing: a burst costs one flush
                for (String more = queue.poll(); more != null; more = queue.poll()) {
                    if (more.isEmpty()) {
                        out.flush();
                        return;
                    }
                    out.write(more.getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the browser went away, or the server is stopping
        } finally {
            open = false;
        }
    }
}
