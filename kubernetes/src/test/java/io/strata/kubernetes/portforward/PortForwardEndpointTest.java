package io.strata.kubernetes.portforward;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.kubernetes.apiserver.ApiError;
import io.strata.kubernetes.spdy.SpdyFrame;
import io.strata.kubernetes.spdy.SpdyReader;
import io.strata.kubernetes.spdy.SpdyWriter;
import io.strata.server.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real WebSocket client (RFC 6455 over a socket: the JDK's client refuses kubectl's subprotocol) speaking SPDY frames
 * to the endpoint on a real server, which forwards to a TCP echo server.
 */
class PortForwardEndpointTest {

    private ServerSocket echo;
    private HttpServer server;
    private PortForwardEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::serveEcho);
        endpoint = new PortForwardEndpoint((namespace, pod) -> {
            if (!pod.equals("nginx")) {
                throw ApiError.badRequest("no pod " + namespace + "/" + pod + " in this test");
            }
        });
        endpoint.dialers((namespace, pod) -> new TcpPortDialer(InetAddress.getLoopbackAddress()));
        server = HttpServer.start("127.0.0.1", 0, endpoint::register);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        endpoint.close();
        echo.close();
    }

    private void serveEcho() {
        while (!echo.isClosed()) {
            try {
                Socket s = echo.accept();
                Thread.ofVirtual().start(() -> {
                    try (s; InputStream in = s.getInputStream()) {
                        in.transferTo(s.getOutputStream());
                    } catch (IOException ignored) {
                        // the test closed it
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    @Test
    void webSocket_echoesSubprotocolAndPipesDataStreamToThePort() throws Exception {
        try (Client client = Client.connect(server.port())) {
            assertThat(client.socket.header(":status")).contains(" 101 ");
            assertThat(client.socket.header("sec-websocket-protocol")).isEqualTo(PortForwardEndpoint.SUBPROTOCOL);
            client.openPair(0, echo.getLocalPort());
            client.send(new SpdyFrame.Data(3, 0, "hello through spdy".getBytes(StandardCharsets.UTF_8)));
            client.send(new SpdyFrame.Data(3, SpdyFrame.FLAG_FIN, new byte[0]));

            assertThat(new String(client.readStream(3), StandardCharsets.UTF_8)).isEqualTo("hello through spdy");
            assertThat(client.readStream(1)).isEmpty();
        }
    }

    @Test
    void spdyUpgrade_answers101AndPipesDataStreamToThePort() throws Exception {
        try (Client client = Client.connectSpdy(server.port())) {
            assertThat(client.spdyHead).startsWith("HTTP/1.1 101 ").containsIgnoringCase("upgrade: SPDY/3.1")
                    .containsIgnoringCase("X-Stream-Protocol-Version: portforward.k8s.io");
            client.send(new SpdyFrame.Ping(1));
            assertThat(client.next()).isEqualTo(new SpdyFrame.Ping(1));
            client.openPair(0, echo.getLocalPort());
            client.send(new SpdyFrame.Data(3, SpdyFrame.FLAG_FIN, "over plain spdy".getBytes(StandardCharsets.UTF_8)));

            assertThat(new String(client.readStream(3), StandardCharsets.UTF_8)).isEqualTo("over plain spdy");
            assertThat(client.readStream(1)).isEmpty();
        }
    }

    @Test
    void post_withoutSpdyUpgrade_isRefusedWith400() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.getOutputStream().write(("POST /api/v1/namespaces/default/pods/nginx/portforward HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400 ").contains("SPDY/3.1");
        }
    }

    @Test
    void webSocket_podRefusedByTheCheck_answersItsStatusWithoutUpgrade() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/api/v1/namespaces/default/pods/other/portforward",
                PortForwardEndpoint.SUBPROTOCOL, b -> { })) {
            assertThat(ws.header(":status")).contains(" 400 ");
            assertThat(ws.header("sec-websocket-protocol")).isNull();
        }
    }

    @Test
    void webSocket_twoConnectionsAndPing_eachEchoedSeparately() throws Exception {
        try (Client client = Client.connect(server.port())) {
            client.send(new SpdyFrame.Ping(1));
            assertThat(client.next()).isEqualTo(new SpdyFrame.Ping(1));
            client.openPair(0, echo.getLocalPort());
            client.openPair(1, echo.getLocalPort());
            client.send(new SpdyFrame.Data(7, SpdyFrame.FLAG_FIN, "second".getBytes(StandardCharsets.UTF_8)));
            client.send(new SpdyFrame.Data(3, SpdyFrame.FLAG_FIN, "first".getBytes(StandardCharsets.UTF_8)));

            assertThat(new String(client.readStream(3), StandardCharsets.UTF_8)).isEqualTo("first");
            assertThat(new String(client.readStream(7), StandardCharsets.UTF_8)).isEqualTo("second");
        }
    }

    @Test
    void webSocket_closedPort_errorTextOnTheErrorStreamThenFin() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (Client client = Client.connect(server.port())) {
            client.openPair(0, closed);
            assertThat(client.readStream(3)).isEmpty();
            assertThat(new String(client.readStream(1), StandardCharsets.UTF_8))
                    .startsWith("error forwarding port " + closed + " to pod default/nginx: dial tcp");
        }
    }

    @Test
    void webSocket_invalidPort_errorTextNamesThePort() throws Exception {
        try (Client client = Client.connect(server.port())) {
            client.openPair(0, 70000);
            assertThat(client.readStream(3)).isEmpty();
            assertThat(new String(client.readStream(1), StandardCharsets.UTF_8)).contains("invalid port \"70000\"");
        }
    }

    /** kubectl's side: SPDY over a JDK WebSocket, every frame split into 3-byte messages as kubectl may. */
    private static final class Client implements AutoCloseable {
        private final SpdyWriter writer = new SpdyWriter();
        private final SpdyReader reader = new SpdyReader();
        private final LinkedBlockingQueue<SpdyFrame> frames = new LinkedBlockingQueue<>();
        private final List<SpdyFrame> parked = new ArrayList<>();
        private RawWebSocket socket;
        private Socket spdy;
        private String spdyHead;

        static Client connect(int port) throws Exception {
            Client c = new Client();
            c.socket = RawWebSocket.connect(port, "/api/v1/namespaces/default/pods/nginx/portforward",
                    PortForwardEndpoint.SUBPROTOCOL, b -> c.frames.addAll(c.reader.feed(b)));
            return c;
        }

        /** kubectl's fallback: POST with Upgrade: SPDY/3.1, then SPDY on the raw socket. */
        static Client connectSpdy(int port) throws Exception {
            Client c = new Client();
            c.spdy = new Socket(InetAddress.getLoopbackAddress(), port);
            c.spdy.setSoTimeout(60_000);
            c.spdy.getOutputStream().write(("POST /api/v1/namespaces/default/pods/nginx/portforward HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
                    + "X-Stream-Protocol-Version: portforward.k8s.io\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = c.spdy.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            c.spdyHead = head.toString();
            Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[4096];
                try {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        c.frames.addAll(c.reader.feed(buffer, 0, n));
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            return c;
        }

        /** The SYN_STREAM pair kubectl opens per local connection: error 4r+1 then data 4r+3. */
        void openPair(int requestId, int port) throws Exception {
            int error = 4 * requestId + 1;
            int data = error + 2;
            send(new SpdyFrame.SynStream(error, 0, 0, 0, Map.of("streamtype", "error", "port", "" + port,
                    "requestid", "" + requestId)));
            send(new SpdyFrame.Data(error, SpdyFrame.FLAG_FIN, new byte[0]));
            assertThat(nextOn(error)).isInstanceOf(SpdyFrame.SynReply.class);
            send(new SpdyFrame.SynStream(data, 0, 0, 0, Map.of("streamtype", "data", "port", "" + port,
                    "requestid", "" + requestId)));
            assertThat(nextOn(data)).isInstanceOf(SpdyFrame.SynReply.class);
        }

        void send(SpdyFrame frame) throws Exception {
            byte[] bytes = writer.write(frame);
            for (int at = 0; at < bytes.length; at += 3) {
                int n = Math.min(3, bytes.length - at);
                if (spdy != null) {
                    spdy.getOutputStream().write(bytes, at, n);
                } else {
                    socket.sendBinary(bytes, at, n);
                }
            }
        }

        SpdyFrame next() throws InterruptedException {
            SpdyFrame f = frames.poll(30, TimeUnit.SECONDS);
            assertThat(f).as("a frame within 30 s").isNotNull();
            return f;
        }

        /** The next frame of {@code stream}, keeping other streams' frames for later. */
        SpdyFrame nextOn(int stream) throws InterruptedException {
            for (int i = 0; i < parked.size(); i++) {
                if (streamOf(parked.get(i)) == stream) {
                    return parked.remove(i);
                }
            }
            while (true) {
                SpdyFrame f = next();
                if (streamOf(f) == stream) {
                    return f;
                }
                parked.add(f);
            }
        }

        /** All DATA of a stream up to its FIN. */
        byte[] readStream(int stream) throws InterruptedException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                SpdyFrame f = nextOn(stream);
                assertThat(f).isInstanceOf(SpdyFrame.Data.class);
                SpdyFrame.Data d = (SpdyFrame.Data) f;
                out.writeBytes(d.data());
                if (d.fin()) {
                    return out.toByteArray();
                }
            }
        }

        private static int streamOf(SpdyFrame f) {
            return switch (f) {
                case SpdyFrame.Data d -> d.streamId();
                case SpdyFrame.SynReply r -> r.streamId();
                case SpdyFrame.SynStream s -> s.streamId();
                case SpdyFrame.RstStream r -> r.streamId();
                case SpdyFrame.Headers h -> h.streamId();
                case SpdyFrame.WindowUpdate w -> w.streamId();
                case SpdyFrame.Ping p -> -1;
                case SpdyFrame.Settings s -> -1;
                case SpdyFrame.GoAway g -> -1;
            };
        }

        @Override
        public void close() throws IOException {
            if (spdy != null) {
                spdy.close();
            } else {
                socket.close();
            }
        }
    }
}
