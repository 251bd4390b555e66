package io.strata.jobs.model;

import java.util.Optional;

/**
 * Chronos task ids: {@code ct:<dueEpochMillis>:<attempt>:<jobName>:<arguments>}; the job name cannot contain a
 * colon, so the id splits back unambiguously (the arguments may).
 */
public final class TaskIds {
    private static final String PREFIX = "ct:";

    private TaskIds() {
    }

    /** The id of one attempt. */
    public static String format(long due, int attempt, String job, String arguments) {
        return PREFIX + due + ":" + attempt + ":" + job + ":" + (arguments == null ? "" : arguments);
    }

    /** The job name in a task id, or empty for an id this framework did not form. */
    public static Optional<String> jobName(String taskId) {
        if (taskId == null || !taskId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = taskId.split(":", 5);
        return parts.length < 5 || parts[3].isEmpty() ? Optional.empty() : Optional.of(parts[3]);
    }
}
