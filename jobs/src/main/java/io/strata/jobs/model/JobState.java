package io.strata.jobs.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The durable run state and history of one job; every change yields a new value.
 *
 * @param cursor the latest schedule slot handled (epoch ms), or null before the first; persisted before a run
 *     for that slot is launched, so one slot never gets two runs
 * @param successCount runs that succeeded
 * @param errorCount runs that failed after their last retry
 * @param skippedCount slots skipped: missed by more than epsilon, or due while a previous run was active
 * @param errorsSinceLastSuccess failed runs since the last success
 * @param lastSuccess ISO 8601 time of the last success, or empty (Chronos' format)
 * @param lastError ISO 8601 time of the last failure, or empty
 * @param parentsSucceeded parents that succeeded since this (dependent) job last ran
 * @param active attempts queued, launched or running
 * @param recent the latest finished attempts, newest first, at most {@link #RECENT_LIMIT}
 */
public record JobState(Long cursor, long successCount, long errorCount, long skippedCount,
                       long errorsSinceLastSuccess, String lastSuccess, String lastError,
                       List<String> parentsSucceeded, List<RunRecord> active, List<RunRecord> recent) {
    /** How many finished attempts are kept per job. */
    public static final int RECENT_LIMIT = 10;

    /** Copies the lists and fills absent strings. */
    public JobState {
        lastSuccess = lastSuccess == null ? "" : lastSuccess;
        lastError = lastError == null ? "" : lastError;
        parentsSucceeded = parentsSucceeded == null ? List.of() : List.copyOf(parentsSucceeded);
        active = active == null ? List.of() : List.copyOf(active);
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    /** The state of a job that never ran. */
    public static JobState initial() {
        return new JobState(null, 0, 0, 0, 0, "", "", List.of(), List.of(), List.of());
    }

    /** This state with the cursor at {@code slot} and {@code skipped} more skipped slots. */
    public JobState scheduled(Long slot, long skipped) {
        return new JobState(slot, successCount, errorCount, skippedCount + skipped, errorsSinceLastSuccess,
                lastSuccess, lastError, parentsSucceeded, active, recent);
    }

    /** This state with one more active attempt. */
    public JobState withQueued(RunRecord run) {
        List<RunRecord> next = new ArrayList<>(active);
        next.add(run);
        return new JobState(cursor, successCount, errorCount, skippedCount, errorsSinceLastSuccess, lastSuccess,
                lastError, parentsSucceeded, next, recent);
    }

    /** This state with the active attempt {@code taskId} replaced by {@code change} applied to it. */
    public JobState withActive(String taskId, UnaryOperator<RunRecord> change) {
        List<RunRecord> next = active.stream().map(r -> r.taskId().equals(taskId) ? change.apply(r) : r).toList();
        return new JobState(cursor, successCount, errorCount, skippedCount, errorsSinceLastSuccess, lastSuccess,
                lastError, parentsSucceeded, next, recent);
    }

    /** The active attempt with this task id, or null. */
    public RunRecord active(String taskId) {
        return active.stream().filter(r -> r.taskId().equals(taskId)).findFirst().orElse(null);
    }

    /**
     * This state after an attempt ended: it moves from active to recent; {@code counted} says whether the run
     * ended for good (no retry follows), in which case success or error counts change.
     */
    public JobState finished(RunRecord run, boolean counted, String isoNow) {
        Objects.requireNonNull(run, "run");
        List<RunRecord> stillActive = active.stream().filter(r -> !r.taskId().equals(run.taskId())).toList();
        List<RunRecord> history = new ArrayList<>(RECENT_LIMIT);
        history.add(run);
        recent.stream().limit(RECENT_LIMIT - 1).forEach(history::add);
        boolean success = run.phase() == RunRecord.Phase.SUCCEEDED;
        long successes = successCount + (counted && success ? 1 : 0);
        long errors = errorCount + (counted && !success ? 1 : 0);
        long sinceSuccess = counted ? (success ? 0 : errorsSinceLastSuccess + 1) : errorsSinceLastSuccess;
        return new JobState(cursor, successes, errors, skippedCount, sinceSuccess,
                counted && success ? isoNow : lastSuccess, counted && !success ? isoNow : lastError,
                parentsSucceeded, stillActive, history);
    }

    /** This state with the set of parents that succeeded since the last dependent run. */
    public JobState withParentsSucceeded(List<String> parents) {
        return new JobState(cursor, successCount, errorCount, skippedCount, errorsSinceLastSuccess, lastSuccess,
                lastError, parents, active, recent);
    }

    /** This state with another history. */
    public JobState withRecent(List<RunRecord> history) {
        return new JobState(cursor, successCount, errorCount, skippedCount, errorsSinceLastSuccess, lastSuccess,
                lastError, parentsSucceeded, active, history);
    }

    /**
     * Whether an attempt is queued, launched or running. An async attempt awaiting its report does not count (as
     * in Chronos, whose job is no longer running once its task finished), so it never blocks the next slot.
     */
    public boolean busy() {
        return active.stream().anyMatch(r -> r.phase() != RunRecord.Phase.AWAITING_REPORT);
    }
}
