package io.strata.packages.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.server.HttpServer;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A services (Marathon v2) API over a real HTTP server that only stores apps: POST, GET (ignoring selectors, so the
 * package service's own label filter is exercised) and DELETE of {@code /v2/apps} (only with {@code force=true},
 * as if every app were still deploying).
 */
final class FakeMarathon implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final Map<String, ObjectNode> apps = new ConcurrentSkipListMap<>();
    private final HttpServer server;

    FakeMarathon() {
        server = HttpServer.start("127.0.0.1", 0, routes -> {
            routes.post("/v2/apps", ctx -> {
                ObjectNode app = (ObjectNode) JSON.readTree(ctx.body());
                String id = app.get("id").asText();
                if (apps.putIfAbsent(id, app) != null) {
                    ctx.status(409).json(Map.of("message", "An app with id [" + id + "] already exists."));
                    return;
                }
                ctx.status(201).contentType("application/json").result(app.toString());
            });
            routes.get("/v2/apps", ctx -> {
                ObjectNode reply = JSON.createObjectNode();
                reply.putArray("apps").addAll(apps.values());
                ctx.contentType("application/json").result(reply.toString());
            });
            routes.delete("/v2/apps/<id>", ctx -> {
                if (!"true".equals(ctx.queryParam("force"))) {
                    // every stored app counts as still deploying: only a forced delete goes through
                    ctx.status(409).contentType("application/json").result("{\"message\":\"App is locked by one or"
                            + " more deployments.\"}");
                    return;
                }
                JsonNode removed = apps.remove("/" + ctx.pathParam("id"));
                if (removed == null) {
                    ctx.status(404).contentType("application/json").result("{\"message\":\"not found\"}");
                    return;
                }
                ctx.contentType("application/json").result("{\"deploymentId\":\"d1\",\"version\":\"v\"}");
            });
        });
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
