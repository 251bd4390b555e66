package io.strata.agent.launcher;

/** Thrown when a supervisor process cannot be started at all (missing sandbox, unusable run directory, fork failure). */
public final class LaunchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception naming the container and the failed step. */
    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
