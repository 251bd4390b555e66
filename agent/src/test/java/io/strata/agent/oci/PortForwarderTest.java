package io.strata.agent.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host half of port forwarding against an in-process Unix socket echo server (no container needed). */
class PortForwarderTest {

    @TempDir
    Path dir;

    @Test
    void start_connection_isRelayedBothWaysToTheUnixSocket() throws Exception {
        Path socket = dir.resolve("80.sock");
        try (ServerSocketChannel echo = echoServer(socket);
                PortForwarder forwarder = forwarder(socket)) {
            assertThat(roundTrip(forwarder.hostPort(), "ping")).isEqualTo("PING");
            assertThat(roundTrip(forwarder.hostPort(), "again")).isEqualTo("AGAIN");
        }
    }

    @Test
    void start_socketPathLongerThanKernelLimit_isReachedThroughShortcut() throws Exception {
        Path deep = Files.createDirectories(dir.resolve("a".repeat(60)).resolve("b".repeat(60)));
        Path socket = deep.resolve("8080.sock");
        // the echo server binds with a short relative name, as socat does
        try (ServerSocketChannel echo = echoServer(Files.createSymbolicLink(dir.resolve("s"), deep).resolve("8080.sock"));
                PortForwarder forwarder = forwarder(socket)) {
            assertThat(socket.toString().length()).isGreaterThan(107);
            assertThat(roundTrip(forwarder.hostPort(), "long")).isEqualTo("LONG");
        }
    }

    @Test
    void relay_noSocketYet_closesClientConnection() throws Exception {
        try (PortForwarder forwarder = forwarder(dir.resolve("missing.sock"));
                Socket client = new Socket(InetAddress.getLoopbackAddress(), forwarder.hostPort())) {
            client.setSoTimeout(5_000);
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void start_portInUse_failsWithClearMessage() throws Exception {
        try (PortForwarder first = forwarder(dir.resolve("x.sock"))) {
            PortForwarder second = new PortForwarder(List.of(InetAddress.getLoopbackAddress()), first.hostPort(),
                    dir.resolve("x.sock"));
            assertThatThrownBy(second::start).isInstanceOf(OciException.class)
                    .hasMessageContaining("cannot listen on host port " + first.hostPort());
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class);
        }
    }

    private static PortForwarder forwarder(Path socket) {
        PortForwarder forwarder = new PortForwarder(List.of(InetAddress.getLoopbackAddress()), 0, socket);
        forwarder.start();
        return forwarder;
    }

    private static String roundTrip(int port, String text) throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout(5_000);
            OutputStream out = client.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            client.shutdownOutput();
            try (InputStream in = client.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Upper-cases whatever a client sends until end of stream, then closes. */
    private static ServerSocketChannel echoServer(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofVirtual().start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel channel = server.accept();
                    Thread.ofVirtual().start(() -> upperCase(channel));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    private static void upperCase(SocketChannel channel) {
        try (channel) {
            ByteBuffer buffer = ByteBuffer.allocate(1024);
            StringBuilder received = new StringBuilder();
            while (channel.read(buffer) >= 0) {
                received.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
                buffer.clear();
            }
            channel.write(ByteBuffer.wrap(received.toString().toUpperCase().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // client went away
        }
    }
}
