package io.strata.kubernetes.portforward;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Objects;

/**
 * Dials a plain TCP address ({@code host:port}) with real half-close: what a pod reachable on the network needs,
 * and the target of the handler's tests (a local echo server).
 */
public final class TcpPortDialer implements PortDialer {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private final InetAddress host;

    /** Dials ports of {@code host}. */
    public TcpPortDialer(InetAddress host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public PortConnection dial(int port, PortConnection.Receiver receiver) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            socket.close();
            throw new IOException("dial tcp " + host.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        Thread.ofVirtual().name("portforward-tcp-" + port).start(() -> pump(socket, receiver));
        OutputStream out = socket.getOutputStream();
        return new PortConnection() {
            @Override
            public void write(byte[] data) throws IOException {
                out.write(data);
                out.flush();
            }

            @Override
            public void finishWrites() throws IOException {
                if (!socket.isClosed()) {
                    socket.shutdownOutput();
                }
            }

            @Override
            public void close() {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing: nothing left to report
                }
            }
        };
    }

    private static void pump(Socket socket, PortConnection.Receiver receiver) {
        String error = null;
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[32 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                receiver.onData(Arrays.copyOf(buffer, n));
            }
        } catch (IOException e) {
            // a local close (the client went away) ends the read this way too; only a live socket's error is news
            error = socket.isClosed() ? null : e.getMessage();
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already ending
            }
        }
        receiver.onEnd(error);
    }
}
