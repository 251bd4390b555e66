package io.strata.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.recordio.RecordIo;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void start_ephemeralPort_bindsExactlyOneConnector() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1", 0, r -> r.get("/ping", ctx -> ctx.result("pong")))) {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/ping"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("pong");
        }
    }

    @Test
    void exceptions_apiAndUnexpected_mapToStatusWithoutStackTrace() throws Exception {
        try (HttpServer server = HttpServer.start("127.0.0.1", 0, r -> {
            r.get("/bad", ctx -> { throw ApiException.badRequest("field 'x' is missing"); });
            r.get("/boom", ctx -> { throw new IllegalStateException("secret"); });
        })) {
            var bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/bad"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("field 'x' is missing");
            var boom = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/boom"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(boom.statusCode()).isEqualTo(500);
            assertThat(boom.body()).doesNotContain("secret").doesNotContain("at io.");
        }
    }

    @Test
    void eventStream_recordsSentBeforeAndAfterServe_arriveFramedInOrder() throws Exception {
        EventStream stream = new EventStream("s1");
        stream.send("first".getBytes(StandardCharsets.UTF_8));
        try (HttpServer server = HttpServer.start("127.0.0.1", 0,
                r -> r.get("/stream", ctx -> stream.serve(ctx, "application/json")))) {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/stream"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            InputStream in = response.body();
            assertThat(new String(RecordIo.read(in).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("first");
            stream.send("second".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(RecordIo.read(in).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("second");
            stream.close();
            assertThat(RecordIo.read(in)).isEmpty();
        }
    }

    @Test
    void eventStream_clientClosesConnection_streamClosesWithoutAWrite() throws Exception {
        EventStream stream = new EventStream("s2");
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        stream.onClose(closed::countDown);
        stream.send("hello".getBytes(StandardCharsets.UTF_8));
        try (HttpServer server = HttpServer.start("127.0.0.1", 0,
                r -> r.post("/stream", ctx -> stream.serve(ctx, "application/json")))) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
                socket.getOutputStream().write(("POST /stream HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                byte[] buf = new byte[1024];
                assertThat(socket.getInputStream().read(buf)).isPositive();
            }
            assertThat(closed.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(stream.isOpen()).isFalse();
        }
    }
}
