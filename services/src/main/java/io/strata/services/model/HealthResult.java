package io.strata.services.model;

import java.time.Instant;

/**
 * The outcome so far of one framework-run health check of one instance, as Marathon's {@code healthCheckResults}
 * entries show it. Held in memory only: a new leader learns it again by probing.
 *
 * @param index the check's position among the app's framework-run checks (HTTP, HTTPS, TCP), at least 0
 * @param alive whether the last counted probe passed
 * @param consecutiveFailures failed probes in a row (probes failing within the grace period do not count)
 * @param firstSuccess the first passing probe, or null
 * @param lastSuccess the last passing probe, or null
 * @param lastFailure the last counted failing probe, or null
 * @param lastFailureCause why it failed, or null
 */
public record HealthResult(int index, boolean alive, int consecutiveFailures, Instant firstSuccess,
        Instant lastSuccess, Instant lastFailure, String lastFailureCause) {

    /** Validates the counters. */
    public HealthResult {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures must be >= 0, was " + consecutiveFailures);
        }
    }

    /** The result after one more probe; {@code previous} may be null (first probe of this check). */
    public static HealthResult next(HealthResult previous, int index, boolean passed, Instant at, String cause) {
        if (passed) {
            return new HealthResult(index, true, 0, previous == null || previous.firstSuccess() == null ? at
                    : previous.firstSuccess(), at, previous == null ? null : previous.lastFailure(),
                    previous == null ? null : previous.lastFailureCause());
        }
        return new HealthResult(index, false, previous == null ? 1 : previous.consecutiveFailures() + 1,
                previous == null ? null : previous.firstSuccess(), previous == null ? null : previous.lastSuccess(),
                at, cause);
    }
}
