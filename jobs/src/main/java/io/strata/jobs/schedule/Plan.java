package io.strata.jobs.schedule;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link SchedulePlanner} decided for one job at one moment.
 *
 * @param run the slot to start a run for now, if any
 * @param skipped slots given up: missed by more than epsilon, or due while a run was still active and the job
 *     does not allow concurrent runs (0 for a job that never ran: its past is skipped forward, uncounted)
 * @param cursor the latest slot now handled (run or skipped); persist it before launching {@code run}
 * @param next the next slot after {@code cursor}, or empty when the schedule is exhausted
 */
public record Plan(Optional<Instant> run, long skipped, Instant cursor, Optional<Instant> next) {
    /** Validates the fields. */
    public Plan {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(next, "next");
        if (skipped < 0) {
            throw new IllegalArgumentException("skipped must be >= 0");
        }
    }
}
