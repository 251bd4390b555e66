package io.strata.dns.resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP side of the DNS server: a small fixed set of platform threads, each owning one non-blocking
 * {@link DatagramChannel} bound to the same address with {@code SO_REUSEPORT}, so that the kernel spreads
 * clients over the threads without any lock between them. Each thread selects, then drains every queued
 * datagram, answering each inline from the immutable zone; forwarded queries complete on the resolver's
 * threads and are sent from there. An answer that does not fit the socket buffer waits for OP_WRITE (no
 * reading meanwhile), so a burst is slowed, never dropped by us.
 */
public final class UdpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpServer.class);
    private static final int BUFFER_BYTES = 4 << 20;
    private static final int MAX_PACKET = 65_535;

    private final List<Worker> workers;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private UdpServer(List<Worker> workers, int port) {
        this.workers = workers;
        this.port = port;
    }

    /**
     * Binds {@code threads} channels to {@code address} (port 0 picks one) and starts them.
     *
     * @throws UncheckedIOException when the address cannot be bound (the message names it)
     */
    public static UdpServer start(InetSocketAddress address, int threads, Responder responder, Forwarder forwarder) {
        List<Worker> workers = new ArrayList<>();
        InetSocketAddress bind = address;
        try {
            for (int i = 0; i < Math.max(1, threads); i++) {
                DatagramChannel channel = DatagramChannel.open(address.getAddress() instanceof java.net.Inet6Address
                        ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                channel.setOption(StandardSocketOptions.SO_RCVBUF, BUFFER_BYTES);
                channel.setOption(StandardSocketOptions.SO_SNDBUF, BUFFER_BYTES);
                channel.configureBlocking(false);
                channel.bind(bind);
                bind = (InetSocketAddress) channel.getLocalAddress(); // the others join the port the first got
                workers.add(new Worker(channel, Selector.open(), responder, forwarder));
            }
        } catch (IOException e) {
            workers.forEach(Worker::closeQuietly);
            throw new UncheckedIOException("cannot bind DNS UDP " + address + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < workers.size(); i++) {
            Worker w = workers.get(i);
            w.thread = Thread.ofPlatform().daemon().name("strata-dns-udp-" + i).start(w::run);
        }
        return new UdpServer(workers, bind.getPort());
    }

    /** The bound port. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Worker w : workers) {
            w.stop();
        }
    }

    private static final class Worker {
        private final DatagramChannel channel;
        private final Selector selector;
        private final Responder responder;
        private final Forwarder forwarder;
        private final ByteBuffer in = ByteBuffer.allocateDirect(MAX_PACKET);
        private final byte[] packet = new byte[MAX_PACKET];
        private volatile boolean running = true;
        private Thread thread;

        Worker(DatagramChannel channel, Selector selector, Responder responder, Forwarder forwarder) {
            this.channel = channel;
            this.selector = selector;
            this.responder = responder;
            this.forwarder = forwarder;
        }

        void run() {
            try {
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                while (running) {
                    selector.select();
                    selector.selectedKeys().clear();
                    if (key.isValid()) {
                        drain(key);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.error("DNS UDP loop stopped", e);
                }
            } finally {
                closeQuietly();
            }
        }

        /** Answers every queued datagram. */
        private void drain(SelectionKey key) throws IOException {
            while (running) {
                in.clear();
                SocketAddress client = channel.receive(in);
                if (client == null) {
                    return;
                }
                in.flip();
                int length = in.remaining();
                in.get(packet, 0, length);
                Answer answer;
                try {
                    answer = responder.answer(packet, length, true);
                } catch (RuntimeException e) {
                    LOG.warn("cannot answer a {}-byte packet from {}", length, client, e);
                    continue;
                }
                switch (answer) {
                    case Answer.Reply r -> send(key, ByteBuffer.wrap(r.wire()), client);
                    case Answer.Forward f -> forward(f, client);
                    case Answer.Drop d -> {
                    }
                }
            }
        }

        /** Sends one answer; when the socket buffer is full, waits until it drains. */
        private void send(SelectionKey key, ByteBuffer out, SocketAddress client) throws IOException {
            while (channel.send(out, client) == 0 && running) {
                key.interestOps(SelectionKey.OP_WRITE);
                selector.select(100);
                selector.selectedKeys().clear();
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        private void forward(Answer.Forward f, SocketAddress client) {
            forwarder.forward(f.query()).whenComplete((upstream, failure) -> {
                byte[] wire = failure == null ? Responder.forwarded(f.query(), upstream, f.maxSize())
                        : responder.serverFailure(f.query(), f.maxSize());
                try {
                    channel.send(ByteBuffer.wrap(wire), client); // thread-safe; a full buffer drops it, as UDP may
                } catch (IOException e) {
                    LOG.debug("cannot send a forwarded answer to {}", client, e);
                }
            });
        }

        void stop() {
            running = false;
            selector.wakeup();
            if (thread != null) {
                try {
                    thread.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            closeQuietly();
        }

        void closeQuietly() {
            try {
                channel.close();
                selector.close();
            } catch (IOException ignored) {
                // closing frees the port; nothing to do on failure
            }
        }
    }
}
