package io.strata.agent.launcher;

import java.time.Duration;
import java.util.Objects;

/** How a task is stopped: SIGTERM, then SIGKILL for the whole group after {@code gracePeriod}. */
public record KillPolicy(Duration gracePeriod) {

    /** The default grace period of 3 seconds. */
    public static final KillPolicy DEFAULT = new KillPolicy(Duration.ofSeconds(3));

    /** Validates that the grace period is not negative. */
    public KillPolicy {
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("grace period must not be negative: " + gracePeriod);
        }
    }
}
