package io.strata.services.model;

/**
 * A Marathon health check with v1.1 defaults (grace 300 s, interval 60 s, timeout 20 s, 3 failures).
 *
 * <p>HTTP, HTTPS and TCP run from the framework (Marathon's leader-side checks); COMMAND, MESOS_HTTP,
 * MESOS_HTTPS and MESOS_TCP are passed to the agent as {@code TaskInfo.health_check}.
 *
 * @param protocol the check kind
 * @param path HTTP path (default {@code /})
 * @param portIndex index into the task's ports, or null when {@code port} is given
 * @param port a fixed port, or null
 * @param command shell command of COMMAND checks, or null
 * @param gracePeriodSeconds failures are ignored this long after the task started, until the first success
 * @param intervalSeconds seconds between checks
 * @param timeoutSeconds seconds a check may take
 * @param maxConsecutiveFailures failures in a row after which the task is killed (0: never)
 * @param ignoreHttp1xx whether 1xx answers are ignored
 * @param delaySeconds delay before the first check (Mesos checks)
 */
public record HealthCheckDefinition(Protocol protocol, String path, Integer portIndex, Integer port, String command,
        int gracePeriodSeconds, int intervalSeconds, int timeoutSeconds, int maxConsecutiveFailures,
        boolean ignoreHttp1xx, int delaySeconds) {

    /** Marathon's health-check protocols. */
    public enum Protocol {
        HTTP, HTTPS, TCP, COMMAND, MESOS_HTTP, MESOS_HTTPS, MESOS_TCP;

        /** Whether the framework itself runs checks of this kind (Marathon leader-side checks). */
        public boolean runsInFramework() {
            return this == HTTP || this == HTTPS || this == TCP;
        }
    }

    /** Marathon's default grace period (s). */
    public static final int DEFAULT_GRACE_SECONDS = 300;
    /** Marathon's default interval (s). */
    public static final int DEFAULT_INTERVAL_SECONDS = 60;
    /** Marathon's default timeout (s). */
    public static final int DEFAULT_TIMEOUT_SECONDS = 20;
    /** Marathon's default failures before a kill. */
    public static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;
    /** Marathon's default delay of Mesos checks (s). */
    public static final int DEFAULT_DELAY_SECONDS = 15;

    /** Applies the defaults of path and port index. */
    public HealthCheckDefinition {
        if (protocol == null) {
            protocol = Protocol.HTTP;
        }
        if ((protocol == Protocol.HTTP || protocol == Protocol.HTTPS || protocol == Protocol.MESOS_HTTP
                || protocol == Protocol.MESOS_HTTPS) && path == null) {
            path = "/";
        }
        if (portIndex == null && port == null && protocol != Protocol.COMMAND) {
            portIndex = 0;
        }
    }
}
