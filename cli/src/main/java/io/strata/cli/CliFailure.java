package io.strata.cli;

/**
 * An expected failure of a command (an unknown task, an ambiguous id, a missing sandbox): its message is printed
 * on stderr as is and {@link #exitCode()} ends the process.
 */
public final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    /** A failure with a user-facing message and an exit code of {@link ExitCodes}. */
    public CliFailure(int exitCode, String message) {
        super(message);
        if (exitCode == ExitCodes.OK) {
            throw new IllegalArgumentException("a failure cannot exit 0");
        }
        this.exitCode = exitCode;
    }

    /** The exit code. */
    public int exitCode() {
        return exitCode;
    }
}
