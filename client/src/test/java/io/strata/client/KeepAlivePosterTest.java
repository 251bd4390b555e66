package io.strata.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class KeepAlivePosterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void post_toAServer_sendsHeadersAndBodyAndReadsStatusAndBody() throws IOException {
        try (StubServer server = new StubServer().on("/api/v1/agent", exchange -> StubServer.reply(exchange, 404,
                "text/plain", "calls[0]: unknown agent"));
             KeepAlivePoster poster = new KeepAlivePoster(server.uri(), TIMEOUT, TIMEOUT)) {
            KeepAlivePoster.Response r = poster.post("/api/v1/agent", "application/json",
                    "{\"type\":\"HEARTBEAT\"}".getBytes(StandardCharsets.UTF_8), Map.of("Mesos-Stream-Id", "s1"));

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.text()).isEqualTo("calls[0]: unknown agent");
            assertThat(r.headers()).containsEntry("content-type", "text/plain");
            assertThat(server.received).singleElement().satisfies(got -> {
                assertThat(got.method()).isEqualTo("POST");
                assertThat(got.streamId()).isEqualTo("s1");
                assertThat(got.body()).isEqualTo("{\"type\":\"HEARTBEAT\"}");
            });
        }
    }

    @Test
    void post_chunkedAndEmptyResponses_areReadWholeAndTheConnectionReused() throws IOException {
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        try (StubServer server = new StubServer()
                .on("/chunked", exchange -> {
                    clientPorts.add(exchange.getRemoteAddress().getPort());
                    exchange.sendResponseHeaders(200, 0); // 0: chunked
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write("first ".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        out.write("second".getBytes(StandardCharsets.UTF_8));
                    }
                })
                .on("/empty", exchange -> {
                    clientPorts.add(exchange.getRemoteAddress().getPort());
                    exchange.sendResponseHeaders(202, -1);
                });
             KeepAlivePoster poster = new KeepAlivePoster(server.uri(), TIMEOUT, TIMEOUT)) {
            KeepAlivePoster.Response chunked = poster.post("/chunked", "application/json", new byte[0], Map.of());
            KeepAlivePoster.Response empty = poster.post("/empty", "application/json", "{}".getBytes(), Map.of());

            assertThat(chunked.status()).isEqualTo(200);
            assertThat(chunked.text()).isEqualTo("first second");
            assertThat(empty.status()).isEqualTo(202);
            assertThat(empty.body()).isEmpty();
            assertThat(clientPorts).hasSize(2);
            assertThat(clientPorts.get(1)).as("one kept-alive connection").isEqualTo(clientPorts.get(0));
        }
    }

    @Test
    void post_afterTheServerClosedTheIdleConnection_sendsTheRequestAgainOnANewOne() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofVirtual().start(() -> {
                for (int connection = 0; connection < 2; connection++) {
                    try (Socket s = listener.accept()) {
                        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        requests.add(readRequest(in));
                        s.getOutputStream().write("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                        // then closes the connection, as a server's idle timeout would, without saying so
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            URI base = URI.create("http://127.0.0.1:" + listener.getLocalPort());
            try (KeepAlivePoster poster = new KeepAlivePoster(base, TIMEOUT, TIMEOUT)) {
                assertThat(poster.post("/a", "application/json", "1".getBytes(), Map.of()).status()).isEqualTo(202);
                Thread.sleep(200); // the server's close reaches us
                assertThat(poster.post("/b", "application/json", "2".getBytes(), Map.of()).status()).isEqualTo(202);
            }
            server.join(TIMEOUT.toMillis());
            assertThat(requests).containsExactly("POST /a HTTP/1.1", "POST /b HTTP/1.1");
        }
    }

    @Test
    void post_noServer_throwsIOException() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (KeepAlivePoster poster = new KeepAlivePoster(URI.create("http://127.0.0.1:" + port), TIMEOUT, TIMEOUT)) {
            assertThatThrownBy(() -> poster.post("/", "application/json", new byte[0], Map.of()))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void new_httpsOrMissingHost_isRejected() {
        assertThatThrownBy(() -> new KeepAlivePoster(URI.create("https://127.0.0.1:1"), TIMEOUT, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
    }

    @Test
    void post_headerWithALineBreak_isRejectedBeforeSending() {
        try (KeepAlivePoster poster = new KeepAlivePoster(URI.create("http://127.0.0.1:1"), TIMEOUT, TIMEOUT)) {
            assertThatThrownBy(() -> poster.post("/", "application/json", new byte[0], Map.of("X", "a\r\nB: c")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
        }
    }

    /** Reads one request (headers and Content-Length body); returns its request line. */
    private static String readRequest(BufferedReader in) throws IOException {
        String requestLine = in.readLine();
        int length = 0;
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.skip(length);
        return requestLine;
    }
}
