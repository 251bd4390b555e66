package io.strata.cli;

/** The exit codes of the {@code strata} command. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The operation failed (a task ended other than TASK_FINISHED, an unknown task, a server error). */
    public static final int FAILURE = 1;
    /** Bad usage or input (unknown option, malformed resources, bad master address); picocli's default too. */
    public static final int USAGE = 2;
    /** The master (or ZooKeeper) could not be reached. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
