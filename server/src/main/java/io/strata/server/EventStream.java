package io.strata.server;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import io.strata.api.recordio.RecordIo;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open RecordIO event stream to a client (a framework, an agent or an operator subscriber).
 *
 * <p>Producers call {@link #send} from any thread; it never blocks. The HTTP handler thread calls
 * {@link #serve}, which writes queued records until the stream is closed by either side. A write failure
 * (client gone) closes the stream and runs the close callback once, on the serving thread.
 */
public final class EventStream {
    private static final byte[] CLOSE = new byte[0];
    /** A stream whose client does not read is cut when this many records wait. */
    private static final int MAX_QUEUED = 100_000;

    private final String id;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable onClose = () -> { };

    public EventStream(String id) {
        this.id = id;
    }

    /** The stream id (sent to clients as {@code Mesos-Stream-Id} where applicable). */
    public String id() {
        return id;
    }

    /** Sets what runs once when the stream ends, whoever ends it. */
    public void onClose(Runnable callback) {
        this.onClose = callback;
    }

    /** Queues one record; returns false when the stream is closed or the client is too slow. */
    public boolean send(byte[] record) {
        if (closed.get()) {
            return false;
        }
        if (queue.size() >= MAX_QUEUED) {
            close();
            return false;
        }
        queue.add(record);
        return true;
    }

    /** Whether the stream is still open. */
    public boolean isOpen() {
        return !closed.get();
    }

    /** Ends the stream; the serving thread finishes the HTTP response. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            queue.add(CLOSE);
        }
    }

    /**
     * Asks Jetty to tell us when the client's side of the connection becomes readable. A streaming client
     * sends nothing after its request, so readability means it closed the connection (FIN) or failed; Jetty's
     * HTTP/1.1 connection does not read while a request is being handled, so this interest is ours alone.
     */
    private org.eclipse.jetty.io.EndPoint watchForDisconnect(Context ctx) {
        try {
            var request = ServletContextRequest.getServletContextRequest(ctx.req());
            request.addFailureListener(failure -> close());
            var endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
            endPoint.tryFillInterested(org.eclipse.jetty.util.Callback.from(this::close, failure -> close()));
            return endPoint;
        } catch (RuntimeException e) {
            // not a Jetty request: rely on write failures
            return null;
        }
    }

    /**
     * Serves the stream on the calling (virtual) thread until it ends: 200, chunked, RecordIO records.
     * Returns after running the close callback.
     */
    public void serve(Context ctx, String contentType) {
        ctx.status(200).contentType(contentType);
        ctx.res().setHeader("Cache-Control", "no-cache");
        // Jetty reports a connection closed by the client through a failure listener; without it a gone
        // client would only be noticed by the next failed write (up to a heartbeat interval later).
        org.eclipse.jetty.io.EndPoint endPoint = watchForDisconnect(ctx);
        try {
            OutputStream out = ctx.res().getOutputStream();
            out.flush();
            while (true) {
                // blocks without waking: close() always enqueues the CLOSE marker
                byte[] record = queue.take();
                if (record == CLOSE) {
                    break;
                }
                out.write(RecordIo.frame(record));
                // drain what is already queued before flushing: one flush per burst
                byte[] next;
                boolean stop = false;
                while ((next = queue.poll()) != null) {
                    if (next == CLOSE) {
                        stop = true;
                        break;
                    }
                    out.write(RecordIo.frame(next));
                }
                out.flush();
                if (stop) {
                    break;
                }
            }
        } catch (IOException e) {
            // client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed.set(true);
            queue.clear();
            // One stream per connection: finish the chunked response, then close the connection, so it is never
            // reused while our read interest (above) is still registered.
            try {
                ctx.res().getOutputStream().close();
            } catch (IOException | RuntimeException e) {
                // already gone
            }
            if (endPoint != null) {
                endPoint.close();
            }
            onClose.run();
        }
    }
}
