package io.strata.jobs.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides which slot of a trigger to run now: a pure function of the trigger, epsilon, the last handled slot
 * (the cursor), whether a run may start now, and the time.
 *
 * <p>Rules: of the slots after the cursor and at or before {@code now}, only the latest may run, and only if
 * {@code now - slot <= epsilon}; every other one is skipped. A run that may not start (the previous run is still
 * active and the job forbids concurrent runs) is skipped too. Skipped slots are counted only once the job has a
 * cursor: the past of a new job is skipped forward silently, as Chronos' {@code skipForward} does. Because the
 * cursor moves past every slot handled, calling the planner again with the new cursor never yields the same
 * slot twice.
 */
public final class SchedulePlanner {
    /** At most this many skipped slots are counted in one step (a cron trigger counts them one by one). */
    static final long COUNT_CAP = 1_000_000;

    private SchedulePlanner() {
    }

    /**
     * Plans one step.
     *
     * @param trigger the job's trigger
     * @param epsilon how late a run may still start
     * @param cursor the latest slot already handled, or null for a job that has never been scheduled
     * @param mayStart false when a run would have to wait for the previous one (it is skipped instead)
     * @param now the current time
     */
    public static Plan plan(Trigger trigger, Duration epsilon, Instant cursor, boolean mayStart, Instant now) {
        Optional<Instant> latest = trigger.lastAtOrBefore(now).filter(s -> cursor == null || s.isAfter(cursor));
        if (latest.isEmpty()) {
            Instant from = cursor == null || now.isAfter(cursor) ? now : cursor;
            return new Plan(Optional.empty(), 0, cursor, trigger.firstAfter(from));
        }
        Instant slot = latest.get();
        boolean inTime = !now.isAfter(slot.plus(epsilon));
        boolean runs = inTime && mayStart;
        long skipped = 0;
        if (cursor != null) {
            skipped = trigger.countBetween(cursor, slot, COUNT_CAP) + (runs ? 0 : 1);
        } else if (inTime && !mayStart) {
            skipped = 1;
        }
        return new Plan(runs ? latest : Optional.empty(), skipped, slot, trigger.firstAfter(slot));
    }
}
