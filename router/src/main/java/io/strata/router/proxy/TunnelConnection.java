package io.strata.router.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * One direction of an upgraded connection: reads what arrives on its own endpoint and writes it to its peer's
 * endpoint, one buffer in flight at a time (the next read waits for the write, so a slow reader slows the writer
 * instead of filling memory). End of input is passed on as a half-close; a failure closes both sides.
 */
final class TunnelConnection extends AbstractConnection implements Connection.UpgradeTo {
    private static final int BUFFER_BYTES = 16 * 1024;
    private final ByteBuffer buffer = BufferUtil.allocate(BUFFER_BYTES);
    private volatile TunnelConnection peer;
    private ByteBuffer pending;

    TunnelConnection(EndPoint endPoint, Executor executor) {
        super(endPoint, executor);
    }

    /** Pairs two connections; must happen before either is opened. */
    static void pair(TunnelConnection a, TunnelConnection b) {
        a.peer = b;
        b.peer = a;
    }

    /** Bytes read from this side before the upgrade (to send to the peer first). */
    @Override
    public void onUpgradeTo(ByteBuffer prefilled) {
        if (prefilled != null && prefilled.hasRemaining()) {
            pending = BufferUtil.copy(prefilled);
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        ByteBuffer first = pending;
        pending = null;
        if (first == null) {
            fillInterested();
            return;
        }
        peer.getEndPoint().write(Callback.from(this::fillInterested, this::fail), first);
    }

    @Override
    public void onFillable() {
        try {
            BufferUtil.clear(buffer);
            int read = getEndPoint().fill(buffer);
            if (read > 0) {
                peer.getEndPoint().write(Callback.from(this::fillInterested, this::fail), buffer);
            } else if (read == 0) {
                fillInterested();
            } else {
                halfClose();
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private void halfClose() {
        EndPoint other = peer.getEndPoint();
        other.shutdownOutput();
        if (getEndPoint().isOutputShutdown() || other.isInputShutdown()) {
            close();
            peer.close();
        }
    }

    private void fail(Throwable failure) {
        close();
        TunnelConnection p = peer;
        if (p != null) {
            p.close();
        }
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        TunnelConnection p = peer;
        if (p != null && p.getEndPoint().isOpen()) {
            p.getEndPoint().close(cause);
        }
    }
}
