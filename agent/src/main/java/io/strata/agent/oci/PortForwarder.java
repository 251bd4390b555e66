package io.strata.agent.oci;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes one port of a private-network container reachable from the host: listens on {@code hostPort} at each bind
 * address and relays every connection, byte for byte in both directions, to a Unix domain socket (the
 * {@link NamespaceRelay} inside the container's network namespace listens there; path sockets cross namespaces).
 *
 * <p>Lifecycle NEW -> STARTED -> CLOSED. One virtual thread accepts per address and two copy per connection; a
 * connection whose socket cannot be reached (relay not up, container gone) is closed at once. Closing stops accepting
 * and closes every open connection. Unix socket paths longer than the kernel's 107 bytes are reached through a short
 * symlink in the temporary directory, removed on close.
 */
public final class PortForwarder implements AutoCloseable {

    private static final int MAX_SOCKET_PATH_BYTES = 107;
    private static final int BUFFER_BYTES = 16 * 1024;

    private enum State { NEW, STARTED, CLOSED }

    private final List<InetAddress> bindAddresses;
    private final int requestedPort;
    private final Path socket;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private volatile int hostPort;
    private volatile Path shortcut;

    /**
     * Creates a forwarder.
     *
     * @param bindAddresses where to listen, e.g. 127.0.0.1 and the agent's address; not empty
     * @param hostPort the host port assigned to the task, or 0 for an ephemeral port (the first address picks it)
     * @param socket the Unix socket of the relay, {@link NamespaceRelay#socketPath}
     */
    public PortForwarder(List<InetAddress> bindAddresses, int hostPort, Path socket) {
        this.bindAddresses = List.copyOf(bindAddresses);
        if (this.bindAddresses.isEmpty() || hostPort < 0 || hostPort > 65_535) {
            throw new IllegalArgumentException("need bind addresses and a port in 0..65535: " + hostPort);
        }
        this.requestedPort = hostPort;
        this.socket = Objects.requireNonNull(socket, "socket").toAbsolutePath();
    }

    /**
     * Binds every address and starts accepting.
     *
     * @throws OciException if a port cannot be bound (in use, address not local); nothing stays bound then
     */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.STARTED)) {
            throw new IllegalStateException("forwarder already started or closed");
        }
        try {
            int port = requestedPort;
            for (InetAddress address : bindAddresses) {
                ServerSocketChannel listener = ServerSocketChannel.open();
                listeners.add(listener);
                listener.bind(new InetSocketAddress(address, port));
                port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            }
            hostPort = port;
            shortcut = needsShortcut(socket) ? createShortcut(socket) : null;
        } catch (IOException e) {
            close();
            throw new OciException("cannot listen on host port " + requestedPort + " at " + bindAddresses + ": "
                    + e.getMessage(), e);
        }
        // Platform threads accept: closing a channel a platform thread blocks in releases the port at once, while a
        // virtual thread's channel is only really closed once that thread runs again, which a busy carrier pool can
        // delay long enough for the next agent's bind of the same port to fail (seen after an agent restart).
        listeners.forEach(listener -> Thread.ofPlatform().daemon().name("port-forward-" + hostPort)
                .start(() -> accept(listener)));
    }

    /** Returns the bound host port (the ephemeral one when 0 was requested); valid after {@link #start()}. */
    public int hostPort() {
        return hostPort;
    }

    /** Returns the number of relayed connections still open. */
    public int openConnections() {
        return connections.size() / 2;
    }

    /** Stops listening and closes every relayed connection; idempotent. */
    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) {
            return;
        }
        listeners.forEach(PortForwarder::closeQuietly);
        connections.forEach(PortForwarder::closeQuietly);
        Path link = shortcut;
        if (link != null) {
            try {
                Files.deleteIfExists(link.getParent());
                Files.deleteIfExists(link.getParent().getParent());
            } catch (IOException e) {
                // best effort: a stale symlink in the temporary directory does no harm
            }
        }
    }

    private void accept(ServerSocketChannel listener) {
        while (state.get() == State.STARTED) {
            try {
                SocketChannel client = listener.accept();
                Thread.ofVirtual().start(() -> relay(client));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!listener.isOpen()) {
                    return;
                }
            }
        }
    }

    private void relay(SocketChannel client) {
        connections.add(client);
        SocketChannel upstream;
        try {
            upstream = SocketChannel.open(StandardProtocolFamily.UNIX);
            connections.add(upstream);
            upstream.connect(UnixDomainSocketAddress.of(shortcut == null ? socket : shortcut));
        } catch (IOException e) {
            closeQuietly(client);
            connections.remove(client);
            return;
        }
        if (state.get() != State.STARTED) {
            closeQuietly(upstream);
        }
        Thread back = Thread.ofVirtual().start(() -> copy(upstream, client));
        copy(client, upstream);
        try {
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(client);
        closeQuietly(upstream);
        connections.remove(client);
        connections.remove(upstream);
    }

    /** Copies until end of stream, then half-closes the destination so the peer sees it too. */
    private static void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // the other side went away: end both directions
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static boolean needsShortcut(Path socket) {
        return socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES;
    }

    private static Path createShortcut(Path socket) throws IOException {
        Path directory = Files.createTempDirectory("strata-port");
        Path link = Files.createSymbolicLink(directory.resolve("s"), socket.getParent());
        return link.resolve(socket.getFileName());
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing during shutdown: nothing left to do
        }
    }
}
