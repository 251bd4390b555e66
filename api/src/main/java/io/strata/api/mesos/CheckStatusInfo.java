package io.strata.api.mesos;

/**
 * The latest result of a task's {@link CheckInfo} (Mesos {@code TaskStatus.check_status}); the result of the check's
 * kind is absent (an empty object) until the first check completed.
 */
public record CheckStatusInfo(CheckInfo.Type type, Command command, Http http, Tcp tcp) {

    /** A command check's result: the exit code (absent before the first result or when the command timed out). */
    public record Command(Integer exitCode) {
    }

    /** An HTTP check's result: the response's status code (absent when no response came). */
    public record Http(Integer statusCode) {
    }

    /** A TCP check's result: whether the connection succeeded. */
    public record Tcp(Boolean succeeded) {
    }
}
