package io.strata.kubernetes.portforward;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One forwarded local connection: its data stream piped to a port of the pod, its error stream for a failure's
 * text. The client's bytes are queued by the session's receive thread and written by this connection's own
 * virtual thread (which dials first), so a slow pod never stalls the other streams of the session.
 */
final class ForwardedConnection implements PortConnection.Receiver {

    /** Queue markers after the client's data: its half-close, or a reset of the stream. */
    private enum Marker { FIN, RESET }

    private final PortForwardSession session;
    private final int dataStream;
    private final int errorStream;
    private final int port;
    private final LinkedBlockingQueue<Object> fromClient = new LinkedBlockingQueue<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile PortConnection connection;

    ForwardedConnection(PortForwardSession session, int dataStream, int errorStream, int port) {
        this.session = session;
        this.dataStream = dataStream;
        this.errorStream = errorStream;
        this.port = port;
    }

    int dataStream() {
        return dataStream;
    }

    int errorStream() {
        return errorStream;
    }

    int port() {
        return port;
    }

    void start(PortDialer dialer) {
        Thread.ofVirtual().name("portforward-" + dataStream).start(() -> run(dialer));
    }

    void offer(byte[] data) {
        fromClient.add(data);
    }

    void offerFin() {
        fromClient.add(Marker.FIN);
    }

    /** The client reset the stream, or the session ended: drop the pod connection without a reply. */
    void reset() {
        ended.set(true);
        fromClient.add(Marker.RESET);
        PortConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    private void run(PortDialer dialer) {
        try {
            connection = dialer.dial(port, this);
        } catch (IOException | RuntimeException e) {
            onEnd(e.getMessage() == null ? e.toString() : e.getMessage());
            return;
        }
        try {
            while (true) {
                Object next = fromClient.take();
                if (next == Marker.RESET) {
                    connection.close();
                    return;
                } else if (next == Marker.FIN) {
                    connection.finishWrites();
                } else {
                    connection.write((byte[]) next);
                }
            }
        } catch (IOException e) {
            connection.close();
            onEnd(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.close();
        }
    }

    @Override
    public void onData(byte[] data) {
        if (!ended.get()) {
            session.sendData(dataStream, data);
        }
    }

    @Override
    public void onEnd(String error) {
        if (ended.compareAndSet(false, true)) {
            fromClient.add(Marker.RESET);
            session.finish(this, error);
        }
    }
}
