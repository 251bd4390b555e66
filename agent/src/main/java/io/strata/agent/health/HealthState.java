package io.strata.agent.health;

import java.util.Objects;

/**
 * The pure state machine of one health check (Mesos semantics), immutable and clock-free: each probe result is fed in
 * with the time it was taken, and {@link #step} returns the next state and what to report.
 *
 * <p>Rules: a failure counts unless the task has never been healthy and the grace period (from {@code startMillis})
 * has not yet passed; a success resets the count; health changes are reported only when they change; a kill is
 * requested once, when the count reaches the limit (never if the limit is 0).
 */
public record HealthState(HealthCheckTiming timing, long startMillis, Health health, boolean everHealthy,
        int consecutiveFailures, boolean killRequested) {

    /** What is known about the task's health. */
    public enum Health {
        /** No counted result yet. */
        UNKNOWN,
        /** The last counted result was a success. */
        HEALTHY,
        /** The last counted result was a failure. */
        UNHEALTHY
    }

    /** Validates the state. */
    public HealthState {
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(health, "health");
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutive failures must not be negative");
        }
    }

    /** Returns the state of a checker that started at {@code startMillis}. */
    public static HealthState initial(HealthCheckTiming timing, long startMillis) {
        return new HealthState(timing, startMillis, Health.UNKNOWN, false, 0, false);
    }

    /**
     * The result of one step.
     *
     * @param next the new state
     * @param healthChanged whether {@code next.health()} differs from the previous health (report it)
     * @param kill whether to request a kill now (at most once per checker)
     * @param message the probe's message
     */
    public record Step(HealthState next, boolean healthChanged, boolean kill, String message) {
    }

    /** Feeds one probe result taken at {@code nowMillis}. */
    public Step step(boolean success, String message, long nowMillis) {
        if (success) {
            HealthState next = new HealthState(timing, startMillis, Health.HEALTHY, true, 0, killRequested);
            return new Step(next, health != Health.HEALTHY, false, message);
        }
        if (!everHealthy && nowMillis - startMillis < timing.gracePeriodMillis()) {
            return new Step(this, false, false, message);
        }
        int failures = consecutiveFailures + 1;
        boolean kill = !killRequested && timing.consecutiveFailures() > 0 && failures >= timing.consecutiveFailures();
        HealthState next = new HealthState(timing, startMillis, Health.UNHEALTHY, everHealthy, failures,
                killRequested || kill);
        return new Step(next, health != Health.UNHEALTHY, kill, message);
    }
}
