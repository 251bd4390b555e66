package io.strata.agent.health;

import java.util.Objects;
import java.util.Set;

/** One health check of a task: what to probe and its {@link HealthCheckTiming}. */
public sealed interface HealthCheckSpec {

    /** Returns the timing of this check. */
    HealthCheckTiming timing();

    /** Returns the grace period in seconds. */
    default double gracePeriodSeconds() {
        return timing().gracePeriodSeconds();
    }

    /** Returns the interval in seconds. */
    default double intervalSeconds() {
        return timing().intervalSeconds();
    }

    /** Returns the timeout in seconds. */
    default double timeoutSeconds() {
        return timing().timeoutSeconds();
    }

    /** Returns the number of consecutive failures that triggers a kill (0: never). */
    default int consecutiveFailures() {
        return timing().consecutiveFailures();
    }

    /** Returns the delay before the first check in seconds. */
    default double delaySeconds() {
        return timing().delaySeconds();
    }

    /** A shell command run with {@code /bin/sh -c} in the sandbox with the task's environment; exit 0 is healthy. */
    record Command(String shellCommand, HealthCheckTiming timing) implements HealthCheckSpec {

        /** Validates the command. */
        public Command {
            if (shellCommand == null || shellCommand.isBlank()) {
                throw new IllegalArgumentException("health check command must not be blank");
            }
            Objects.requireNonNull(timing, "timing");
        }
    }

    /**
     * An HTTP GET of {@code scheme://127.0.0.1:port/path}; healthy when the status is in {@code statuses}, or in
     * 200..399 when that set is empty (Mesos). Redirects are not followed; HTTPS certificates are not verified.
     */
    record Http(String scheme, int port, String path, Set<Integer> statuses, HealthCheckTiming timing)
            implements HealthCheckSpec {

        /** Validates and normalizes the fields ({@code path} gets a leading slash). */
        public Http {
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("scheme must be http or https: " + scheme);
            }
            HealthCheckSpec.requirePort(port);
            path = path == null || path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
            statuses = Set.copyOf(statuses);
            Objects.requireNonNull(timing, "timing");
        }

        /** Returns whether a response status counts as healthy. */
        public boolean healthyStatus(int status) {
            return statuses.isEmpty() ? status >= 200 && status < 400 : statuses.contains(status);
        }
    }

    /** A TCP connect to {@code 127.0.0.1:port}; healthy when the connection is accepted. */
    record Tcp(int port, HealthCheckTiming timing) implements HealthCheckSpec {

        /** Validates the port. */
        public Tcp {
            HealthCheckSpec.requirePort(port);
            Objects.requireNonNull(timing, "timing");
        }
    }

    private static void requirePort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
