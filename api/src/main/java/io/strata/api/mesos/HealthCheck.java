package io.strata.api.mesos;

import java.util.List;

/** A health check run by the agent; defaults as Mesos 1.x (seconds). */
public record HealthCheck(Type type, Double delaySeconds, Double intervalSeconds, Double timeoutSeconds,
                          Integer consecutiveFailures, Double gracePeriodSeconds, CommandInfo command,
                          Http http, Tcp tcp) {

    /** Health check kinds. */
    public enum Type { UNKNOWN, COMMAND, HTTP, TCP }

    /** An HTTP check: healthy on a status in [200, 399]. */
    public record Http(String scheme, int port, String path, List<Integer> statuses) {
    }

    /** A TCP check: healthy when a connection to the port succeeds. */
    public record Tcp(int port) {
    }
}
