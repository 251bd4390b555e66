package io.strata.store;

import java.util.Objects;

/**
 * The one failure type of the store: an expected, operational outcome of a store call, named by a {@link Code}.
 *
 * <p>Programming errors (a malformed path, oversized data) are reported as {@link IllegalArgumentException}
 * instead; they are never wrapped in a {@code StoreException}.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough for callers to branch on and map to HTTP statuses or exit codes. */
    public enum Code {
        /** The znode does not exist. */
        NOT_FOUND,
        /** A compare-and-set lost: the version did not match, the znode already exists, or it has children. */
        CONFLICT,
        /** The store is bound to a leadership epoch that a newer leader has replaced; nothing was written. */
        FENCED,
        /** ZooKeeper could not be reached or did not answer in time; the outcome of a write is unknown. */
        UNAVAILABLE
    }

    private final Code code;

    /** Creates an exception with a code and a message that names the path or address concerned. */
    public StoreException(Code code, String message) {
        this(code, message, null);
    }

    /** Creates an exception with a code, a message and the underlying cause. */
    public StoreException(Code code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** Returns what went wrong. */
    public Code code() {
        return code;
    }

    @Override
    public String toString() {
        return "StoreException[" + code + "]: " + getMessage();
    }
}
