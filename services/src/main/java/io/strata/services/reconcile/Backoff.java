package io.strata.services.reconcile;

import io.strata.services.model.AppDefinition;
import java.time.Duration;
import java.time.Instant;

/**
 * Marathon's launch backoff: after the n-th failure in a row, launches wait
 * {@code min(backoffSeconds x backoffFactor^(n-1), maxLaunchDelaySeconds)} from that failure.
 * Example with the defaults (1 s, 1.15): 1 s, 1.15 s, 1.32 s, ... capped at 3600 s.
 */
public final class Backoff {

    private Backoff() {
    }

    /** The delay after {@code failures} failures in a row (zero when there were none). */
    public static Duration delay(AppDefinition app, int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        double seconds = app.backoffSeconds() * Math.pow(app.backoffFactor(), failures - 1);
        seconds = Math.min(seconds, app.maxLaunchDelaySeconds());
        return Duration.ofMillis((long) (seconds * 1000));
    }

    /** When launches may resume after the last failure at {@code lastFailure}; null failure means now. */
    public static Instant launchAllowedAt(AppDefinition app, int failures, Instant lastFailure) {
        return lastFailure == null ? Instant.MIN : lastFailure.plus(delay(app, failures));
    }
}
