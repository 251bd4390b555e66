package io.strata.agent.health;

import io.strata.api.mesos.CheckInfo;
import java.util.Objects;

/**
 * One general check of a task (Mesos {@code TaskInfo.check}): what to probe, the kind of result to report and how many
 * consecutive results of the other outcome change the reported result.
 *
 * <p>{@code probe} says how to run it (its timing gives delay, interval and timeout; failures and grace are unused).
 * A {@code probe} of kind {@link HealthCheckSpec.Command} may stand for an HTTP or TCP check run by a command (inside
 * a network namespace): for HTTP its first output line is the status code, for TCP its exit code 0 means connected.
 *
 * @param type the result kind reported in {@code check_status}
 * @param successThreshold consecutive successes that turn a failed (or no) result into a success (Mesos: 1)
 * @param failureThreshold consecutive failures that turn a successful result into a failure (Mesos: 1)
 */
public record CheckSpec(CheckInfo.Type type, HealthCheckSpec probe, int successThreshold, int failureThreshold) {

    /** Validates the spec. */
    public CheckSpec {
        if (type == null || type == CheckInfo.Type.UNKNOWN) {
            throw new IllegalArgumentException("check type must be COMMAND, HTTP or TCP");
        }
        Objects.requireNonNull(probe, "probe");
        if (successThreshold < 1 || failureThreshold < 1) {
            throw new IllegalArgumentException("check thresholds must be at least 1");
        }
    }

    /** Returns the timing of the probe. */
    public HealthCheckTiming timing() {
        return probe.timing();
    }
}
