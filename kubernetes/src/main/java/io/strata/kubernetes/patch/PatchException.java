package io.strata.kubernetes.patch;

/** A patch that cannot be applied (malformed, or a failed {@code test} operation); the message says why. */
public final class PatchException extends IllegalArgumentException {

    /** Creates the exception. */
    public PatchException(String message) {
        super(message);
    }
}
