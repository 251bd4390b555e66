package io.strata.router;

import io.strata.server.HttpServer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server answering {@code GET /v2/apps} with a settable JSON document, as the services framework's
 * Marathon API would; counts the calls so tests can see the router's cache at work.
 */
final class FakeMarathon implements AutoCloseable {
    private final AtomicReference<String> apps = new AtomicReference<>("{\"apps\":[]}");
    private final AtomicInteger calls = new AtomicInteger();
    private final HttpServer server;

    FakeMarathon() {
        server = HttpServer.start("127.0.0.1", 0, r -> {
            r.get("/v2/apps", ctx -> {
                calls.incrementAndGet();
                ctx.contentType("application/json").result(apps.get());
            });
            r.get("/v2/info", ctx -> ctx.contentType("application/json").result("{\"name\":\"fake\"}"));
        });
    }

    /** Registers one app labelled {@code DCOS_SERVICE_NAME=name} with one task on {@code 127.0.0.1:port}. */
    void labelledApp(String name, int port) {
        apps.set("{\"apps\":[{\"id\":\"/" + name + "\",\"labels\":{\"DCOS_SERVICE_NAME\":\"" + name + "\"},"
                + "\"tasks\":[{\"host\":\"127.0.0.1\",\"ports\":[" + port + "]}]}]}");
    }

    int calls() {
        return calls.get();
    }

    java.net.URI url() {
        return java.net.URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.close();
    }
}
