package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.resources.FieldError;
import io.strata.kubernetes.resources.ResourceType;
import java.util.List;

/**
 * A failed API request carrying the Kubernetes {@code Status} to answer with, built exactly as upstream's
 * apiserver builds it (same messages, reasons, details and field order).
 */
public final class ApiError extends RuntimeException {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final int code;
    private final transient ObjectNode status;

    private ApiError(int code, String reason, String message, ObjectNode details) {
        super(message);
        this.code = code;
        this.status = status(message, reason, details, code);
    }

    /** The HTTP status code. */
    public int code() {
        return code;
    }

    /** The Status body (a fresh copy). */
    public ObjectNode status() {
        return status.deepCopy();
    }

    /** Builds a failure {@code Status} body in upstream's field order. */
    public static ObjectNode status(String message, String reason, ObjectNode details, int code) {
        ObjectNode s = F.objectNode();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", message);
        if (reason != null) {
            s.put("reason", reason);
        }
        if (details != null) {
            s.set("details", details);
        }
        s.put("code", code);
        return s;
    }

    private static ObjectNode details(String name, ResourceType type) {
        ObjectNode d = F.objectNode();
        if (name != null && !name.isEmpty()) {
            d.put("name", name);
        }
        if (!type.group().isEmpty()) {
            d.put("group", type.group());
        }
        d.put("kind", type.plural());
        return d;
    }

    /** 404 {@code pods "x" not found}. */
    public static ApiError notFound(ResourceType type, String name) {
        return new ApiError(404, "NotFound", type.qualifiedPlural() + " \"" + name + "\" not found", details(name, type));
    }

    /** 409 {@code pods "x" already exists}. */
    public static ApiError alreadyExists(ResourceType type, String name) {
        return new ApiError(409, "AlreadyExists", type.qualifiedPlural() + " \"" + name + "\" already exists",
                details(name, type));
    }

    /** 409 Conflict for a stale resourceVersion. */
    public static ApiError conflict(ResourceType type, String name, String why) {
        return new ApiError(409, "Conflict", "Operation cannot be fulfilled on " + type.qualifiedPlural() + " \"" + name
                + "\": " + why, details(name, type));
    }

    /** The upstream text for a stale resourceVersion. */
    public static final String MODIFIED =
            "the object has been modified; please apply your changes to the latest version and try again";

    /** 422 Invalid with causes; the message lists them as upstream's aggregate does. */
    public static ApiError invalid(ResourceType type, String name, List<FieldError> errors) {
        ObjectNode d = F.objectNode();
        d.put("name", name);
        if (!type.group().isEmpty()) {
            d.put("group", type.group());
        }
        d.put("kind", type.kind());
        var causes = d.putArray("causes");
        for (FieldError e : errors) {
            causes.addObject().put("reason", e.reason()).put("message", e.message()).put("field", e.field());
        }
        String list = errors.size() == 1 ? errors.get(0).text()
                : "[" + String.join(", ", errors.stream().map(FieldError::text).toList()) + "]";
        return new ApiError(422, "Invalid", type.kind() + " \"" + name + "\" is invalid: " + list, d);
    }

    /** 400 BadRequest with a message and no details. */
    public static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequest", message, null);
    }

    /** 403 Forbidden on a resource. */
    public static ApiError forbidden(ResourceType type, String name, String why) {
        return new ApiError(403, "Forbidden", type.qualifiedPlural() + " \"" + name + "\" is forbidden: " + why,
                details(name, type));
    }

    /** 404 for a path that serves nothing. */
    public static ApiError noRoute() {
        return new ApiError(404, "NotFound", "the server could not find the requested resource", F.objectNode());
    }

    /** 405 for a verb a resource does not support. */
    public static ApiError methodNotAllowed(String method) {
        return new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource",
                F.objectNode());
    }

    /** 410 Expired for a resourceVersion or continue token that has left the window. */
    public static ApiError expired(String message) {
        return new ApiError(410, "Expired", message, null);
    }

    /** 413 for bodies above the limit. */
    public static ApiError tooLarge(long limit) {
        return new ApiError(413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit, null);
    }

    /** 415 for a body type the endpoint does not take. */
    public static ApiError unsupportedMediaType(String contentType, String accepted) {
        return new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                + "accepted media types include: " + accepted, null);
    }

    /** 500 when the store is unreachable or fails; the message says why without a stack trace. */
    public static ApiError internal(String message) {
        return new ApiError(500, "InternalError", "Internal error occurred: " + message, null);
    }

    /** 504 / 503 style failure when ZooKeeper is unavailable. */
    public static ApiError unavailable(String message) {
        return new ApiError(503, "ServiceUnavailable", message, null);
    }
}
