package io.strata.router;

import io.strata.api.json.Json;
import io.strata.server.HttpServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for a framework's web UI or API behind the router: {@code /echo...} answers what it
 * received as JSON; {@code /sse} and {@code /watch} send a first event, then wait for {@link #release()} before the
 * second and the end (so a test can prove the first arrived through the router while the upstream was still
 * writing); {@code /ws} echoes WebSocket text messages; {@code /redirect} answers 302 to its own origin.
 */
final class TestUpstream implements AutoCloseable {
    private final HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    TestUpstream() {
        server = HttpServer.start("127.0.0.1", 0, r -> {
            r.get("/sse", ctx -> stream(ctx.res(), "text/event-stream", "data: first\n\n", "data: second\n\n"));
            r.get("/watch", ctx -> stream(ctx.res(), "application/json",
                    "{\"type\":\"ADDED\"}\n", "{\"type\":\"MODIFIED\"}\n"));
            r.get("/redirect", ctx -> ctx.status(302).header("Location", url() + "/echo/after"));
            r.post("/echo-body", ctx -> ctx.contentType("text/plain").result(ctx.method() + " " + ctx.body()));
            r.ws("/ws", ws -> ws.onMessage(m -> m.send("echo: " + m.message())));
            r.get("/*", ctx -> {
                Map<String, Object> seen = new LinkedHashMap<>();
                seen.put("path", ctx.path());
                seen.put("query", ctx.queryString());
                seen.put("host", ctx.header("Host"));
                seen.put("x_forwarded_for", ctx.header("X-Forwarded-For"));
                seen.put("x_forwarded_prefix", ctx.header("X-Forwarded-Prefix"));
                seen.put("x_forwarded_host", ctx.header("X-Forwarded-Host"));
                ctx.contentType("application/json").result(Json.toBytes(seen));
            });
        });
    }

    private void stream(jakarta.servlet.http.HttpServletResponse res, String type, String first, String second)
            throws Exception {
        res.setStatus(200);
        res.setContentType(type);
        OutputStream out = res.getOutputStream();
        out.write(first.getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (!release.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the stream");
        }
        out.write(second.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Lets the streams send their second part and end. */
    void release() {
        release.countDown();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        release.countDown();
        server.close();
    }
}
