package io.strata.dns.resolver;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP side of the DNS server (RFC 7766): one accepting thread, one virtual thread per connection reading
 * length-prefixed messages and answering them in order. A connection idle for 10 s is closed; a malformed
 * length or a peer gone ends only its own connection.
 */
public final class TcpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpServer.class);
    private static final int IDLE_MILLIS = 10_000;
    private static final long FORWARD_TIMEOUT_SECONDS = 10;

    private final ServerSocket server;
    private final Responder responder;
    private final Forwarder forwarder;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Thread acceptor;

    private TcpServer(ServerSocket server, Responder responder, Forwarder forwarder) {
        this.server = server;
        this.responder = responder;
        this.forwarder = forwarder;
    }

    /**
     * Listens on {@code address} (port 0 picks one).
     *
     * @throws UncheckedIOException when the address cannot be bound (the message names it)
     */
    public static TcpServer start(InetSocketAddress address, Responder responder, Forwarder forwarder) {
        ServerSocket socket;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(address, 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind DNS TCP " + address + ": " + e.getMessage(), e);
        }
        TcpServer s = new TcpServer(socket, responder, forwarder);
        s.acceptor = Thread.ofPlatform().daemon().name("strata-dns-tcp").start(s::accept);
        return s;
    }

    /** The bound port. */
    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed.get()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread.ofVirtual().name("strata-dns-tcp-conn").start(() -> serve(s));
            } catch (IOException e) {
                if (!closed.get()) {
                    LOG.warn("DNS TCP accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(IDLE_MILLIS);
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream()));
            while (!closed.get()) {
                int length = in.readUnsignedShort();
                byte[] packet = in.readNBytes(length);
                if (packet.length != length) {
                    return;
                }
                byte[] reply = answer(packet);
                if (reply != null) {
                    out.writeShort(reply.length);
                    out.write(reply);
                    out.flush();
                }
            }
        } catch (EOFException | SocketTimeoutException | SocketException e) {
            // the client finished, went idle or went away
        } catch (IOException | RuntimeException e) {
            LOG.debug("DNS TCP connection ended", e);
        } finally {
            open.remove(socket);
        }
    }

    private byte[] answer(byte[] packet) {
        return switch (responder.answer(packet, packet.length, false)) {
            case Answer.Reply r -> r.wire();
            case Answer.Drop d -> null;
            case Answer.Forward f -> {
                try {
                    yield Responder.forwarded(f.query(), forwarder.forward(f.query()).toCompletableFuture()
                            .get(FORWARD_TIMEOUT_SECONDS, TimeUnit.SECONDS), f.maxSize());
                } catch (ExecutionException | TimeoutException e) {
                    yield responder.serverFailure(f.query(), f.maxSize());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    yield null;
                }
            }
        };
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // the port is being released anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
        if (acceptor != null) {
            try {
                acceptor.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
