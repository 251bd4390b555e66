package io.strata.kubernetes.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on one {@link Frontend} and relays every accepted TCP connection to a backend, taken round-robin from the
 * current list ({@link #backends(List)} replaces it at any time; connections already relayed keep their backend). A
 * backend that refuses the connection is skipped for the next one; with no backend left the client's connection is
 * closed at once, as kube-proxy's userspace mode does. Accepts on a platform thread (closing the socket releases the
 * port at once), relays on virtual threads.
 */
public final class PortListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortListener.class);
    /** How long a backend may take to accept. */
    static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final Frontend frontend;
    private final ServerSocket server;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile List<Backend> backends;

    private PortListener(Frontend frontend, ServerSocket server, List<Backend> backends) {
        this.frontend = frontend;
        this.server = server;
        this.backends = List.copyOf(backends);
    }

    /**
     * Binds {@code frontend} and starts accepting.
     *
     * @throws IOException when the address cannot be bound (in use, or not a local address)
     */
    public static PortListener start(Frontend frontend, List<Backend> backends) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(frontend.address()), frontend.port()), 128);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        PortListener listener = new PortListener(frontend, server, backends);
        Thread.ofPlatform().daemon().name("proxy-" + frontend.endpoint()).start(listener::acceptLoop);
        return listener;
    }

    /** The frontend served. */
    public Frontend frontend() {
        return frontend;
    }

    /** Replaces the backends new connections go to. */
    public void backends(List<Backend> list) {
        backends = List.copyOf(list);
    }

    /** The backends new connections go to. */
    public List<Backend> backends() {
        return backends;
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    LOG.warn("proxy {} stopped accepting: {}", frontend.endpoint(), e.getMessage());
                }
                return;
            }
            Thread.ofVirtual().name("proxy-conn-" + frontend.endpoint()).start(() -> serve(client));
        }
    }

    private void serve(Socket client) {
        List<Backend> list = backends;
        Socket upstream = null;
        for (int i = 0; i < list.size() && upstream == null; i++) {
            Backend b = list.get(Math.floorMod(next.getAndIncrement(), list.size()));
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(b.host(), b.port()), CONNECT_TIMEOUT_MILLIS);
                upstream = s;
            } catch (IOException e) {
                LOG.debug("proxy {}: backend {} refused: {}", frontend.endpoint(), b, e.getMessage());
                closeQuietly(s);
            }
        }
        if (upstream == null) {
            closeQuietly(client);
            return;
        }
        Socket up = upstream;
        Thread back = Thread.ofVirtual().start(() -> pump(up, client));
        pump(client, up);
        try {
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(client);
        closeQuietly(up);
    }

    /** Copies {@code from} to {@code to} until end of stream, then half-closes {@code to}. */
    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            // not try-with-resources: closing a socket's stream closes the socket, and the other direction goes on
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // a reset on either side ends both directions
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.trace("close failed", e);
        }
    }

    /** Stops accepting and releases the port (relayed connections finish on their own). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.debug("closing {} failed: {}", frontend.endpoint(), e.getMessage());
            }
        }
    }
}
