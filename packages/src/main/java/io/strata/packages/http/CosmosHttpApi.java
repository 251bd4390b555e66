package io.strata.packages.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.strata.packages.cosmos.Cosmos;
import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import io.strata.packages.repository.RepositoryEntry;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The package HTTP API with Cosmos' paths, media types and JSON: {@code POST /package/<operation>} for search,
 * describe, list-versions, render, install, list, uninstall and repository/list|add|delete, and
 * {@code GET /capabilities}. Every route is also served without the {@code /package} prefix, so it works whether or
 * not a proxy strips it. Failures are Cosmos' {@code {"type","message","data"}} with the type's status.
 */
public final class CosmosHttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(CosmosHttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PREFIXES = List.of("/package", "");

    private final Cosmos cosmos;

    /** The API over {@code cosmos}. */
    public CosmosHttpApi(Cosmos cosmos) {
        this.cosmos = cosmos;
    }

    /** Registers the routes. */
    public void routes(RoutesConfig routes) {
        post(routes, "search", body -> cosmos.search(text(body, "query", false)));
        post(routes, "describe", body -> cosmos.describe(text(body, "packageName", true),
                text(body, "packageVersion", false)));
        post(routes, "list-versions", body -> cosmos.listVersions(text(body, "packageName", true)));
        post(routes, "render", body -> cosmos.render(text(body, "packageName", true),
                text(body, "packageVersion", false), body.get("options"), text(body, "appId", false)));
        post(routes, "install", body -> cosmos.install(text(body, "packageName", true),
                text(body, "packageVersion", false), body.get("options"), text(body, "appId", false)));
        post(routes, "list", body -> cosmos.list(text(body, "packageName", false), text(body, "appId", false)));
        post(routes, "uninstall", body -> cosmos.uninstall(text(body, "packageName", true),
                text(body, "appId", false), body.path("all").asBoolean(false)));
        post(routes, "repository/list", body -> cosmos.repositories());
        post(routes, "repository/add", body -> cosmos.addRepository(new RepositoryEntry(text(body, "name", true),
                text(body, "uri", true)), index(body)));
        post(routes, "repository/delete", body -> {
            String name = text(body, "name", false);
            String uri = text(body, "uri", false);
            if (name == null && uri == null) {
                throw new PackageException(ErrorType.MalformedRequest, "name or uri is required");
            }
            return cosmos.deleteRepository(name, uri);
        });
        for (String prefix : PREFIXES) {
            routes.get(prefix + "/capabilities", ctx -> {
                ObjectNode reply = JsonNodeFactory.instance.objectNode();
                reply.putArray("capabilities").addObject().put("name", "PACKAGE_MANAGEMENT");
                ctx.status(200).contentType(MediaTypes.CAPABILITIES).result(reply.toString());
            });
        }
    }

    private void post(RoutesConfig routes, String operation, Function<JsonNode, JsonNode> handler) {
        for (String prefix : PREFIXES) {
            routes.post(prefix + "/" + operation, ctx -> handle(ctx, operation, handler));
        }
    }

    private static void handle(Context ctx, String operation, Function<JsonNode, JsonNode> handler) {
        try {
            if (!MediaTypes.acceptable(ctx.header("Content-Type"), operation)) {
                throw PackageException.withField(ErrorType.UnsupportedContentType, "Content-Type "
                        + ctx.header("Content-Type") + " is not supported; use " + MediaTypes.request(operation),
                        "contentType", ctx.header("Content-Type"));
            }
            JsonNode reply = handler.apply(body(ctx));
            ctx.status(200).contentType(MediaTypes.response(operation)).result(reply.toString());
        } catch (PackageException e) {
            ctx.status(e.type().status()).contentType(MediaTypes.ERROR).result(e.toJson().toString());
        } catch (RuntimeException e) {
            LOG.error("package {} failed", operation, e);
            PackageException internal = new PackageException(ErrorType.InternalError, "internal error in "
                    + operation + ": " + e.getClass().getSimpleName());
            ctx.status(500).contentType(MediaTypes.ERROR).result(internal.toJson().toString());
        }
    }

    private static JsonNode body(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode body = JSON.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw new PackageException(ErrorType.MalformedRequest, "the request body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw new PackageException(ErrorType.MalformedRequest, "the request body is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw PackageException.withField(ErrorType.MalformedRequest, "'" + field + "' is required", "field",
                        field);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw PackageException.withField(ErrorType.MalformedRequest, "'" + field + "' must be a string", "field",
                    field);
        }
        return value.asText();
    }

    private static Integer index(JsonNode body) {
        JsonNode index = body.get("index");
        if (index == null || index.isNull()) {
            return null;
        }
        if (!index.canConvertToInt() || !index.isIntegralNumber()) {
            throw PackageException.withField(ErrorType.MalformedRequest, "'index' must be an integer", "field",
                    "index");
        }
        return index.asInt();
    }
}
