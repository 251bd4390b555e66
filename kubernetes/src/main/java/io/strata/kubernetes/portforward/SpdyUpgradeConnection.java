package io.strata.kubernetes.portforward;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.FutureCallback;

/**
 * The connection a {@code POST .../portforward} with {@code Upgrade: SPDY/3.1} switches to after its 101 (kubectl's
 * fallback when the WebSocket is refused, and older kubectl's only transport): the raw socket carries the SPDY byte
 * stream of one {@link PortForwardSession}. Bytes the client sent right behind the request head are handed over by
 * Jetty ({@link Connection.UpgradeTo}) and read first.
 */
final class SpdyUpgradeConnection extends AbstractConnection implements Connection.UpgradeTo, SessionTransport {

    private static final int BUFFER = 64 * 1024;
    private final PortForwardSession session;
    private final ByteBuffer buffer = BufferUtil.allocate(BUFFER);

    SpdyUpgradeConnection(EndPoint endPoint, Executor executor, Function<SessionTransport, PortForwardSession> open) {
        super(endPoint, executor);
        this.session = open.apply(this);
    }

    @Override
    public void onUpgradeTo(ByteBuffer prefilled) {
        if (prefilled != null && prefilled.hasRemaining()) {
            byte[] bytes = new byte[prefilled.remaining()];
            prefilled.get(bytes);
            session.receive(bytes, 0, bytes.length);
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        fillInterested();
    }

    @Override
    public void onFillable() {
        try {
            while (true) {
                BufferUtil.clear(buffer);
                int n = getEndPoint().fill(buffer);
                if (n > 0) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    session.receive(bytes, 0, bytes.length);
                } else if (n == 0) {
                    fillInterested();
                    return;
                } else {
                    session.close();
                    return;
                }
            }
        } catch (IOException e) {
            session.close();
        }
    }

    @Override
    public void onClose(Throwable cause) {
        session.close();
        super.onClose(cause);
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        FutureCallback done = new FutureCallback();
        getEndPoint().write(done, ByteBuffer.wrap(bytes));
        try {
            done.get();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        }
    }

    @Override
    public void close() {
        getEndPoint().close();
    }
}
