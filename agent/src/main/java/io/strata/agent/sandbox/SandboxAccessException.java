package io.strata.agent.sandbox;

import java.util.Objects;

/** Thrown by {@link SandboxFiles} when a request cannot be served; {@link #reason()} maps to an HTTP status. */
public final class SandboxAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a files-API request was refused. */
    public enum Reason {
        /** The path (after resolving {@code ..} and symlinks) is outside the work directory: HTTP 403. */
        OUTSIDE_WORK_DIR,
        /** Nothing exists at the path: HTTP 404. */
        NOT_FOUND,
        /** A read was asked of a directory: HTTP 400. */
        IS_A_DIRECTORY,
        /** The offset or length is negative (other than -1): HTTP 400. */
        INVALID_RANGE,
        /** The file exists but could not be read: HTTP 500. */
        UNREADABLE
    }

    private final Reason reason;

    /** Creates an exception with a reason and a message naming the path. */
    public SandboxAccessException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Returns why the request was refused. */
    public Reason reason() {
        return reason;
    }
}
