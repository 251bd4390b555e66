package io.strata.kubernetes.store;

import java.util.Objects;

/** An expected failure of a store operation; {@link #reason()} says which, the message says why in words. */
public final class StoreFailure extends RuntimeException {

    /** Why an operation failed. */
    public enum Reason {
        /** The object does not exist. */
        NOT_FOUND,
        /** An object with that key exists already. */
        ALREADY_EXISTS,
        /** The object changed since the given resourceVersion. */
        CONFLICT,
        /** The requested revision is older than the event window. */
        EXPIRED,
        /** The object is larger than a znode may be. */
        TOO_LARGE,
        /** ZooKeeper could not be reached or failed. */
        UNAVAILABLE
    }

    private final Reason reason;

    /** Creates a failure with a reason and a message. */
    public StoreFailure(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Creates a failure with a reason, a message and a cause. */
    public StoreFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the operation failed. */
    public Reason reason() {
        return reason;
    }
}
