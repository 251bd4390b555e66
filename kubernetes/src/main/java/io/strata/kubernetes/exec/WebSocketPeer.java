package io.strata.kubernetes.exec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** The client end of an upgraded connection, as a {@link WebSocketUpgrade.Connection} sees it. Thread-safe. */
public final class WebSocketPeer implements ChannelPeer {
    private final Session session;
    private final String subprotocol;
    private final AtomicBoolean closed = new AtomicBoolean();

    WebSocketPeer(Session session, String subprotocol) {
        this.session = session;
        this.subprotocol = subprotocol;
    }

    /** The subprotocol echoed in the 101 answer, or an empty string when none. */
    public String subprotocol() {
        return subprotocol;
    }

    /** Sends one binary message; the future completes once Jetty wrote it (exceptionally if it could not). */
    @Override
    public CompletableFuture<Void> sendAsync(ByteBuffer message) {
        Callback.Completable done = new Callback.Completable();
        if (!session.isOpen()) {
            done.fail(new IOException("WebSocket closed"));
            return done;
        }
        session.sendBinary(message, done);
        return done;
    }

    /** Sends one text message; the future completes once Jetty wrote it (exceptionally if it could not). */
    public CompletableFuture<Void> sendTextAsync(String text) {
        Callback.Completable done = new Callback.Completable();
        if (!session.isOpen()) {
            done.fail(new IOException("WebSocket closed"));
            return done;
        }
        session.sendText(text, done);
        return done;
    }

    /** Sends one binary message and waits until it is written. */
    public void send(ByteBuffer message) throws IOException {
        try {
            sendAsync(message).get();
        } catch (ExecutionException e) {
            throw new IOException("WebSocket write failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing", e);
        }
    }

    /** Closes the WebSocket with {@code code} and {@code reason} (at most 123 bytes); idempotent. */
    @Override
    public void close(int code, String reason) {
        if (closed.compareAndSet(false, true) && session.isOpen()) {
            session.close(code, reason, Callback.NOOP);
        }
    }
}
