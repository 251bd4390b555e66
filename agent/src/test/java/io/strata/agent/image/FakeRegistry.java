package io.strata.agent.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry written for fault tests (com.sun.net.httpserver on 127.0.0.1): serves given manifests and blobs, and can
 * corrupt a blob, fail the first requests with 503, redirect blobs to a second host, and demand a Bearer token from an
 * in-process token server that checks basic credentials.
 */
final class FakeRegistry implements AutoCloseable {
    final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    final Map<String, String> manifestTypes = new ConcurrentHashMap<>();
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    final AtomicInteger tokenRequests = new AtomicInteger();
    volatile String corruptBlob = "";
    volatile boolean redirectBlobs;
    volatile String requiredLogin; // "user:password" the token server accepts; null: no auth at all
    private final HttpServer server;
    private final HttpServer storage;
    final String address;

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        address = "127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/v2/", this::registry);
        server.createContext("/token", this::token);
        storage.createContext("/storage/", exchange -> {
            if (exchange.getRequestHeaders().containsKey("Authorization")) {
                respond(exchange, 400, "credentials leaked to object storage".getBytes(StandardCharsets.UTF_8), null);
                return;
            }
            String digest = exchange.getRequestURI().getPath().substring("/storage/".length());
            respond(exchange, 200, served(digest), null);
        });
        server.start();
        storage.start();
    }

    void add(TestImage image, String repositoryTag) {
        byte[] manifest = image.manifest(true);
        manifests.put(repositoryTag, manifest);
        manifests.put(Digests.of(manifest), manifest);
        manifestTypes.put(repositoryTag, Manifests.OCI_MANIFEST);
        blobs.putAll(image.blobs());
    }

    private void registry(HttpExchange exchange) throws IOException {
        if (failuresLeft.getAndDecrement() > 0) {
            respond(exchange, 503, "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"busy\"}]}".getBytes(), null);
            return;
        }
        if (requiredLogin != null && !"Bearer good-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + address
                    + "/token\",service=\"fake\",scope=\"repository:app:pull\"");
            respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
                    .getBytes(), null);
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.split("/");
        String last = parts[parts.length - 1];
        if (path.contains("/manifests/")) {
            byte[] manifest = manifests.getOrDefault(last, manifests.get(parts[2] + ":" + last));
            if (manifest == null) {
                respond(exchange, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"
                        .getBytes(), null);
                return;
            }
            exchange.getResponseHeaders().add("Docker-Content-Digest", Digests.of(manifest));
            respond(exchange, 200, manifest, Manifests.OCI_MANIFEST);
        } else if (redirectBlobs) {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + storage.getAddress().getPort()
                    + "/storage/" + last);
            respond(exchange, 307, new byte[0], null);
        } else {
            respond(exchange, 200, served(last), "application/octet-stream");
        }
    }

    private byte[] served(String digest) {
        byte[] blob = blobs.getOrDefault(digest, new byte[0]);
        return digest.equals(corruptBlob) ? "corrupted content".getBytes(StandardCharsets.UTF_8) : blob;
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(
                requiredLogin.getBytes(StandardCharsets.UTF_8));
        String query = exchange.getRequestURI().getQuery();
        boolean ok = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                && query.contains("service=fake") && query.contains("scope=repository:app:pull");
        respond(exchange, ok ? 200 : 401, ok ? "{\"token\":\"good-token\"}".getBytes() : new byte[0], null);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        storage.stop(0);
    }
}
