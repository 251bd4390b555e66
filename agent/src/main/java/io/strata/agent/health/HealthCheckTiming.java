package io.strata.agent.health;

/**
 * When and how strictly a check runs, in seconds (fractions allowed).
 *
 * @param delaySeconds before the first check
 * @param intervalSeconds between the end of one check and the start of the next
 * @param timeoutSeconds after which a check counts as failed
 * @param consecutiveFailures failures in a row after which the task is killed; 0 never kills
 * @param gracePeriodSeconds from the checker's start: failures before the first success inside it do not count
 */
public record HealthCheckTiming(double delaySeconds, double intervalSeconds, double timeoutSeconds,
        int consecutiveFailures, double gracePeriodSeconds) {

    /** Mesos defaults: delay 15 s, interval 10 s, timeout 20 s, 3 failures, grace 10 s. */
    public static final HealthCheckTiming DEFAULT = new HealthCheckTiming(15, 10, 20, 3, 10);

    /** Validates the values. */
    public HealthCheckTiming {
        if (!(delaySeconds >= 0) || !(gracePeriodSeconds >= 0) || consecutiveFailures < 0) {
            throw new IllegalArgumentException("delay, grace period and consecutive failures must not be negative");
        }
        if (!(intervalSeconds > 0) || !(timeoutSeconds > 0)) {
            throw new IllegalArgumentException("interval and timeout must be positive");
        }
    }

    /** Returns the grace period in milliseconds. */
    public long gracePeriodMillis() {
        return Math.round(gracePeriodSeconds * 1000);
    }
}
