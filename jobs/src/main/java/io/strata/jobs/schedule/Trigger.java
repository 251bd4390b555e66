package io.strata.jobs.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * When a job is due: a sequence of increasing instants ("slots"), finite or not.
 *
 * <p>Implementations are immutable values and thread-safe.
 */
public sealed interface Trigger permits IsoTrigger, CronTrigger {

    /** The latest slot at or before {@code t}, or empty when none is. */
    Optional<Instant> lastAtOrBefore(Instant t);

    /** The first slot strictly after {@code t}, or empty when the sequence ended. */
    Optional<Instant> firstAfter(Instant t);

    /**
     * The number of slots strictly between {@code after} and {@code before}; counting stops at {@code cap} (a
     * cron trigger walks its slots one by one).
     */
    long countBetween(Instant after, Instant before, long cap);
}
