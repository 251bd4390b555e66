package io.strata.server;

/**
 * An API failure with the HTTP status it maps to; the message is sent to the client as the body (plain
 * text, as Mesos does) and must name the offending field and the reason.
 */
public class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** 400: the request is malformed or invalid. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    /** 403: e.g. a call from a framework that is not subscribed. */
    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    /** 404: the named object does not exist. */
    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    /** 409: the request conflicts with the current state. */
    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    /** 503: the service cannot answer now (e.g. no leading master). */
    public static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }
}
