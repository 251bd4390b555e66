package io.strata.jobs.model;

import java.util.Objects;

/**
 * One attempt of one run of a job: a Mesos task.
 *
 * @param taskId the task id, {@code ct:<dueEpochMillis>:<attempt>:<jobName>:<arguments>} as Chronos forms it
 * @param due the slot (epoch ms) the run belongs to; for manual and dependency runs the time it was asked for
 * @param attempt 0 for the first attempt, then 1.. for retries
 * @param cause why the run exists
 * @param phase where the attempt is
 * @param queuedAt when it was queued (epoch ms)
 * @param launchedAt when it was sent to the master (epoch ms), or null
 * @param finishedAt when it ended (epoch ms), or null
 * @param agentId the agent it ran on, or null
 * @param exitStatus the process' exit status when known, or null
 * @param message the last status message, or null
 * @param arguments extra arguments of a manual run, or empty
 */
public record RunRecord(String taskId, long due, int attempt, Cause cause, Phase phase, long queuedAt,
                        Long launchedAt, Long finishedAt, String agentId, Integer exitStatus, String message,
                        String arguments) {

    /** Why a run was started. */
    public enum Cause { SCHEDULE, MANUAL, DEPENDENCY, RETRY }

    /**
     * The life of an attempt; the last four are final. {@code AWAITING_REPORT}: the task of an {@code async} job
     * finished and the run waits for its completion report ({@code PUT /task/{taskId}}).
     */
    public enum Phase {
        QUEUED, LAUNCHED, RUNNING, AWAITING_REPORT, SUCCEEDED, FAILED, KILLED, LOST;

        /** Whether no further change follows. */
        public boolean isFinal() {
            return this == SUCCEEDED || this == FAILED || this == KILLED || this == LOST;
        }
    }

    /** Validates the mandatory fields. */
    public RunRecord {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(phase, "phase");
        arguments = arguments == null ? "" : arguments;
    }

    /** A queued attempt with Chronos' task id. */
    public static RunRecord queued(String job, long due, int attempt, Cause cause, long now, String arguments) {
        String args = arguments == null ? "" : arguments;
        return new RunRecord(TaskIds.format(due, attempt, job, args), due, attempt, cause, Phase.QUEUED, now,
                null, null, null, null, null, args);
    }

    /** This attempt sent to the master. */
    public RunRecord launched(long now, String agent) {
        return new RunRecord(taskId, due, attempt, cause, Phase.LAUNCHED, queuedAt, now, null, agent, null, null,
                arguments);
    }

    /** This attempt in another phase with a message and, when known, an exit status. */
    public RunRecord moved(Phase next, Long finished, Integer exit, String newMessage, String agent) {
        return new RunRecord(taskId, due, attempt, cause, next, queuedAt, launchedAt, finished,
                agent != null ? agent : agentId, exit, newMessage, arguments);
    }
}
