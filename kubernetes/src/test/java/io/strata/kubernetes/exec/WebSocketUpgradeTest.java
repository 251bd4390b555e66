package io.strata.kubernetes.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.kubernetes.apiserver.ApiError;
import io.strata.server.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link WebSocketUpgrade} on a real server with the JDK's WebSocket client: refusals, subprotocols, messages. */
class WebSocketUpgradeTest {
    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = HttpServer.start("127.0.0.1", 0, r -> WebSocketUpgrade.register(r, "/echo/{name}",
                List.of("v5.channel.k8s.io", "v4.channel.k8s.io"), ctx -> {
                    if (ctx.pathParam("name").equals("missing")) {
                        throw ApiError.badRequest("no such thing: missing");
                    }
                    return new Echo();
                }));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends every message back, then closes when told "bye". */
    private static final class Echo implements WebSocketUpgrade.Connection {
        private WebSocketPeer peer;

        @Override
        public void opened(WebSocketPeer peer) {
            this.peer = peer;
        }

        @Override
        public void onMessage(ByteBuffer message) {
            if (StandardCharsets.UTF_8.decode(message.duplicate()).toString().equals("bye")) {
                peer.close(1000, "done");
                return;
            }
            peer.sendAsync(message);
        }

        @Override
        public void closed(int code, String reason) {
        }
    }

    private static final class Collector implements WebSocket.Listener {
        final StringBuilder received = new StringBuilder();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            synchronized (received) {
                received.append(StandardCharsets.UTF_8.decode(data));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }

    private URI uri(String name) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/echo/" + name);
    }

    @Test
    void register_admitted_echoesThePreferredOfferedSubprotocolAndRelaysMessages() throws Exception {
        Collector collector = new Collector();
        WebSocket socket = client.newWebSocketBuilder().subprotocols("v4.channel.k8s.io", "v5.channel.k8s.io")
                .buildAsync(uri("thing"), collector).join();

        assertThat(socket.getSubprotocol()).isEqualTo("v5.channel.k8s.io");
        socket.sendBinary(ByteBuffer.wrap("\u0001hi".getBytes(StandardCharsets.UTF_8)), true).join();
        socket.sendBinary(ByteBuffer.wrap("bye".getBytes(StandardCharsets.UTF_8)), true).join();

        assertThat(collector.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(collector.received.toString()).isEqualTo("\u0001hi");
    }

    @Test
    void register_admissionThrows_answersItsStatusWithoutUpgrading() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET /echo/missing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
                    + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(5_000);
            byte[] buffer = new byte[8192];
            StringBuilder response = new StringBuilder();
            int n;
            try {
                while (!response.toString().contains("}") && (n = socket.getInputStream().read(buffer)) > 0) {
                    response.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (java.net.SocketTimeoutException e) {
                // assert on what came
            }

            assertThat(response.toString()).startsWith("HTTP/1.1 400").doesNotContain("Sec-WebSocket-Accept")
                    .contains("\"kind\":\"Status\"").contains("no such thing: missing");
        }
    }

    @Test
    void register_noAcceptableSubprotocol_isRefused() {
        assertThatThrownBy(() -> client.newWebSocketBuilder().subprotocols("base64.channel.k8s.io")
                .buildAsync(uri("thing"), new Collector()).join())
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(400));
    }
}
