package io.strata.agent.isolation;

/** Thrown when the kernel refuses an isolation step (create, limit, join, kill or remove a group). */
public final class IsolationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message saying which step failed for which container. */
    public IsolationException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the underlying I/O failure. */
    public IsolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
