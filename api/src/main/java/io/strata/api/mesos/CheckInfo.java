package io.strata.api.mesos;

/**
 * A general check of a task (Mesos 1.2+ {@code TaskInfo.check}): run by the agent like a health check, but its
 * result only travels in {@link TaskStatus#checkStatus()} of TASK_RUNNING updates (reason
 * REASON_TASK_CHECK_STATUS_UPDATED) and never kills the task. Defaults as Mesos: delay 15 s, interval 10 s,
 * timeout 20 s.
 */
public record CheckInfo(Type type, Command command, Http http, Tcp tcp, Double delaySeconds, Double intervalSeconds,
                        Double timeoutSeconds) {

    /** Check kinds. */
    public enum Type { UNKNOWN, COMMAND, HTTP, TCP }

    /** A command check: its result is the command's exit code. */
    public record Command(CommandInfo command) {
    }

    /** An HTTP GET of {@code http://127.0.0.1:port/path}: its result is the response's status code. */
    public record Http(int port, String path) {
    }

    /** A TCP connect to {@code 127.0.0.1:port}: its result is whether it succeeded. */
    public record Tcp(int port) {
    }
}
