package io.strata.services.wire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API failure in Marathon's shape: {@code {"message": ..., "details": [{"path": "/cpus", "errors": [...]}]}}
 * (details only for validation failures), plus extra top-level fields such as {@code deployments} for 409s.
 */
public final class MarathonException extends RuntimeException {
    private final int status;
    private final transient Map<String, Object> body;

    /** A failure with {@code status} and the full JSON body. */
    public MarathonException(int status, Map<String, Object> body) {
        super(String.valueOf(body.get("message")), null, false, false);
        this.status = status;
        this.body = Map.copyOf(body);
    }

    /** A failure whose body is only {@code {"message": message}}. */
    public static MarathonException of(int status, String message) {
        return new MarathonException(status, Map.of("message", message));
    }

    /** 404 for an unknown app, in Marathon's wording. */
    public static MarathonException unknownApp(Object id) {
        return of(404, "App '" + id + "' does not exist");
    }

    /** 422 (or another status) with per-path details. */
    public static MarathonException invalid(int status, String message, Violations violations) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("details", violations.details());
        return new MarathonException(status, body);
    }

    /** 409: the app is locked by the given deployments. */
    public static MarathonException locked(List<String> deploymentIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "App is locked by one or more deployments. Override with the option '?force=true'. "
                + "View details at '/v2/deployments/<DEPLOYMENT_ID>'.");
        body.put("deployments", deploymentIds.stream().map(id -> Map.of("id", id)).toList());
        return new MarathonException(409, body);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The JSON body. */
    public Map<String, Object> body() {
        return body;
    }
}
