package io.strata.cli.execute;

import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.cli.ExitCodes;

/** How a {@code strata execute} run ended. */
public sealed interface ExecuteOutcome permits ExecuteOutcome.Ended, ExecuteOutcome.Aborted {

    /** The exit code: 0 only for TASK_FINISHED. */
    int exitCode();

    /** The task reached a terminal state. */
    record Ended(TaskStatus status) implements ExecuteOutcome {
        @Override
        public int exitCode() {
            return status.state() == TaskState.TASK_FINISHED ? ExitCodes.OK : ExitCodes.FAILURE;
        }

        /**
         * The state, then the reason and the message when present, e.g.
         * {@code TASK_FAILED: REASON_CONTAINER_LIMITATION_MEMORY: Memory limit exceeded}.
         */
        public String describe() {
            StringBuilder text = new StringBuilder(String.valueOf(status.state()));
            if (status.reason() != null) {
                text.append(": ").append(status.reason());
            }
            if (status.message() != null && !status.message().isBlank()) {
                text.append(": ").append(status.message().strip());
            }
            return text.toString();
        }
    }

    /**
     * The run stopped before the task ended (timeout, lost stream, master error, refused call).
     *
     * @param message what happened, for stderr
     * @param exitCode the exit code
     */
    record Aborted(String message, int exitCode) implements ExecuteOutcome {
    }
}
