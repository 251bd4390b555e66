package io.strata.agent.oci;

/**
 * Thrown when an image task cannot be prepared or controlled: a bad image configuration (unknown user, nothing to
 * run), a missing or broken OCI runtime, or a runtime command that failed. The message names the cause and is meant
 * for the task's status message (reason {@code REASON_CONTAINER_LAUNCH_FAILED}).
 */
public final class OciException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that says what failed and why. */
    public OciException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the underlying failure. */
    public OciException(String message, Throwable cause) {
        super(message, cause);
    }
}
