package io.strata.agent.exec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** A {@link FrameSink} over a Jetty WebSocket session: each send waits for Jetty's write callback. */
public final class SessionSink implements FrameSink {
    private final Session session;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A sink writing to {@code session}. */
    public SessionSink(Session session) {
        this.session = session;
    }

    @Override
    public void send(ByteBuffer message) throws IOException {
        if (closed.get() || !session.isOpen()) {
            throw new IOException("WebSocket closed");
        }
        Callback.Completable done = new Callback.Completable();
        session.sendBinary(message, done);
        try {
            done.get();
        } catch (ExecutionException e) {
            throw new IOException("WebSocket write failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing", e);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (closed.compareAndSet(false, true) && session.isOpen()) {
            session.close(code, reason, Callback.NOOP);
        }
    }
}
