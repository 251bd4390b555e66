package io.strata.kubernetes.controllers;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the controllers: how often every key is synced again ({@code resync}; time-driven controllers such
 * as CronJob and node lifecycle also schedule their own wake-ups) and how long a Node may be not Ready before its
 * pods are evicted ({@code podEvictionTimeout}, upstream's 5 minutes by default).
 */
public record ControllerSettings(Duration resync, Duration podEvictionTimeout) {

    /** Upstream-like defaults: resync every 30 s, eviction after 5 minutes. */
    public static final ControllerSettings DEFAULTS = new ControllerSettings(Duration.ofSeconds(30),
            Duration.ofMinutes(5));

    /** Validates that both durations are positive. */
    public ControllerSettings {
        Objects.requireNonNull(resync, "resync");
        Objects.requireNonNull(podEvictionTimeout, "podEvictionTimeout");
        if (resync.isNegative() || resync.isZero() || podEvictionTimeout.isNegative()) {
            throw new IllegalArgumentException("resync must be positive and podEvictionTimeout not negative");
        }
    }
}
