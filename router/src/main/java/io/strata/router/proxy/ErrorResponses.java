package io.strata.router.proxy;

import io.strata.api.json.Json;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The router's own error answers: JSON {@code {"code":502,"service":"marathon","message":"..."}} so that a
 * client (and the dashboard) can tell a router error from an upstream's, with the status as the HTTP status.
 */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    /** Writes an error answer and completes {@code callback}; {@code service} may be null. */
    public static void write(Response response, Callback callback, int status, String service, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status);
        if (service != null) {
            body.put("service", service);
        }
        body.put("message", message);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(Json.toBytes(body)), callback);
    }

    /** A short reason for a failed upstream call: "connection refused", "connect timed out", else the message. */
    public static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException) {
                return "connection refused";
            }
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return "connect timed out";
            }
        }
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
