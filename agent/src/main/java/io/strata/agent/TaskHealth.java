package io.strata.agent;

import io.strata.agent.health.HealthCheckSpec;
import io.strata.agent.health.HealthCheckTiming;
import io.strata.api.mesos.HealthCheck;
import java.util.HashSet;
import java.util.Optional;

/**
 * Turns a task's wire {@link HealthCheck} into the agent's {@link HealthCheckSpec}, applying Mesos' defaults
 * (delay 15 s, interval 10 s, timeout 20 s, 3 consecutive failures, grace period 10 s; HTTP scheme {@code http}).
 */
final class TaskHealth {
    private TaskHealth() {
    }

    /**
     * The check to run, or empty when the task has none.
     *
     * @throws IllegalArgumentException naming the field when the check is malformed (unknown type, no command,
     *     port out of range, negative durations)
     */
    static Optional<HealthCheckSpec> spec(HealthCheck check) {
        if (check == null) {
            return Optional.empty();
        }
        HealthCheckTiming timing = timing(check);
        HealthCheck.Type type = check.type() == null ? HealthCheck.Type.UNKNOWN : check.type();
        return Optional.of(switch (type) {
            case COMMAND -> {
                if (check.command() == null || check.command().value() == null) {
                    throw new IllegalArgumentException("health_check.command.value is required for a COMMAND check");
                }
                yield new HealthCheckSpec.Command(check.command().value(), timing);
            }
            case HTTP -> {
                if (check.http() == null) {
                    throw new IllegalArgumentException("health_check.http is required for an HTTP check");
                }
                HealthCheck.Http http = check.http();
                yield new HealthCheckSpec.Http(http.scheme() == null ? "http" : http.scheme(), http.port(),
                        http.path(), http.statuses() == null ? java.util.Set.of() : new HashSet<>(http.statuses()),
                        timing);
            }
            case TCP -> {
                if (check.tcp() == null) {
                    throw new IllegalArgumentException("health_check.tcp is required for a TCP check");
                }
                yield new HealthCheckSpec.Tcp(check.tcp().port(), timing);
            }
            case UNKNOWN -> throw new IllegalArgumentException(
                    "health_check.type must be COMMAND, HTTP or TCP");
        });
    }

    private static HealthCheckTiming timing(HealthCheck check) {
        HealthCheckTiming d = HealthCheckTiming.DEFAULT;
        return new HealthCheckTiming(
                or(check.delaySeconds(), d.delaySeconds()),
                or(check.intervalSeconds(), d.intervalSeconds()),
                or(check.timeoutSeconds(), d.timeoutSeconds()),
                check.consecutiveFailures() == null ? d.consecutiveFailures() : check.consecutiveFailures(),
                or(check.gracePeriodSeconds(), d.gracePeriodSeconds()));
    }

    private static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }
}
