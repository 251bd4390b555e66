package io.strata.kubernetes.spdy;

import java.io.IOException;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending half of one server-side SPDY session: encodes frames one at a time (the header compressor is stateful)
 * and sends each whole over the session's transport. Frames sent once the session is closed are dropped; a send that
 * fails closes the session from another thread, since the caller may hold what the close needs.
 */
public final class FrameSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FrameSender.class);

    private final SessionTransport transport;
    private final BooleanSupplier closed;
    private final Runnable closeSession;
    private final String session;
    private final SpdyWriter writer = new SpdyWriter();
    private final Object lock = new Object();

    /**
     * A sender over {@code transport} for a session that reports {@code closed} and ends with {@code closeSession};
     * {@code session} names it in logs (e.g. {@code port-forward to default/web}).
     */
    public FrameSender(SessionTransport transport, BooleanSupplier closed, Runnable closeSession, String session) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.closed = Objects.requireNonNull(closed, "closed");
        this.closeSession = Objects.requireNonNull(closeSession, "closeSession");
        this.session = Objects.requireNonNull(session, "session");
    }

    /** Encodes and sends {@code frame}, unless the session is closed. */
    public void send(SpdyFrame frame) {
        synchronized (lock) {
            if (closed.getAsBoolean()) {
                return;
            }
            try {
                transport.send(writer.write(frame));
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: send failed: {}", session, e.toString());
                Thread.ofVirtual().start(closeSession);
            }
        }
    }

    /** Releases the encoder; called by the session's close, after which {@link #send} drops frames. */
    @Override
    public void close() {
        synchronized (lock) {
            writer.close();
        }
    }
}
