package io.strata.dashboard.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One point of the dashboard's history, read from the leading master's {@code /metrics/snapshot}: allocated and
 * total CPUs and memory (MB), the cumulative task counters by state, active agents, and the task failure rate
 * since the previous point (see {@link #withFailureRateSince}).
 *
 * @param epochMillis when the sample was taken (milliseconds since the epoch)
 * @param failureRatePercent 0..100, or -1 when there is no previous point or no task changed state since
 */
public record AllocationSample(long epochMillis, double cpusUsed, double cpusTotal, double memUsed, double memTotal,
                               long tasksStaging, long tasksStarting, long tasksRunning, long tasksFinished,
                               long tasksFailed, long tasksKilled, long tasksLost, long tasksError, long agentsActive,
                               int failureRatePercent) {
    /** Rejects negative quantities and a rate outside -1..100. */
    public AllocationSample {
        if (cpusUsed < 0 || cpusTotal < 0 || memUsed < 0 || memTotal < 0) {
            throw new IllegalArgumentException("allocation must not be negative");
        }
        if (tasksStaging < 0 || tasksStarting < 0 || tasksRunning < 0 || tasksFinished < 0 || tasksFailed < 0
                || tasksKilled < 0 || tasksLost < 0 || tasksError < 0 || agentsActive < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (failureRatePercent < -1 || failureRatePercent > 100) {
            throw new IllegalArgumentException("failureRatePercent must be -1..100, not " + failureRatePercent);
        }
    }

    /**
     * The sample in a {@code /metrics/snapshot} document, or empty when the master is not the leader (a
     * non-leader has no {@code master/cpus_total}).
     */
    public static Optional<AllocationSample> fromSnapshot(long epochMillis, JsonNode snapshot) {
        if (!snapshot.path("master/cpus_total").isNumber()) {
            return Optional.empty();
        }
        return Optional.of(new AllocationSample(epochMillis,
                positive(snapshot, "master/cpus_used"), positive(snapshot, "master/cpus_total"),
                positive(snapshot, "master/mem_used"), positive(snapshot, "master/mem_total"),
                count(snapshot, "master/tasks_staging"), count(snapshot, "master/tasks_starting"),
                count(snapshot, "master/tasks_running"), count(snapshot, "master/tasks_finished"),
                count(snapshot, "master/tasks_failed"), count(snapshot, "master/tasks_killed"),
                count(snapshot, "master/tasks_lost"), count(snapshot, "master/tasks_error"),
                count(snapshot, "master/slaves_active"), -1));
    }

    /**
     * This sample with its failure rate computed against {@code previous} as the DC/OS dashboard did:
     * {@code failed = Δ(failed + lost + error)}, {@code successful = Δ(starting + running + finished)},
     * {@code rate = floor(100 × failed / (failed + successful))}. Negative deltas (tasks leaving the master's
     * bounded completed list, a new leader) count as 0. Worked example: failed 1→3 and running 4→10 give
     * 2 / (2 + 6) = 25 %.
     */
    public AllocationSample withFailureRateSince(AllocationSample previous) {
        long failed = Math.max(0, failures() - previous.failures());
        long successful = Math.max(0, successes() - previous.successes());
        int rate = failed + successful == 0 ? -1 : (int) Math.floorDiv(100 * failed, failed + successful);
        return new AllocationSample(epochMillis, cpusUsed, cpusTotal, memUsed, memTotal, tasksStaging, tasksStarting,
                tasksRunning, tasksFinished, tasksFailed, tasksKilled, tasksLost, tasksError, agentsActive, rate);
    }

    private long failures() {
        return tasksFailed + tasksLost + tasksError;
    }

    private long successes() {
        return tasksStarting + tasksRunning + tasksFinished;
    }

    private static double positive(JsonNode snapshot, String key) {
        return Math.max(0, snapshot.path(key).asDouble(0));
    }

    private static long count(JsonNode snapshot, String key) {
        return Math.max(0, snapshot.path(key).asLong(0));
    }
}
