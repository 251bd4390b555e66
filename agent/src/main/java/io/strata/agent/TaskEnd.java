package io.strata.agent;

import io.strata.agent.launcher.ExitStatus;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import java.util.Objects;

/**
 * How a task ended, as its terminal update says it: state, reason, message and (after a health-check kill)
 * {@code healthy: false}. {@link #of} is the pure mapping from the supervisor's exit status to Mesos' terminal update.
 *
 * @param reason null where Mesos sends none
 * @param healthy null unless the end carries health
 */
record TaskEnd(TaskState state, TaskStatus.Reason reason, String message, Boolean healthy) {
    TaskEnd {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Maps how the task's process ended to its terminal update, as Mesos' command executor reports it.
     *
     * @param status the supervisor's exit status
     * @param oomKilled whether the kernel's OOM killer killed a process of the container
     * @param killRequested whether the task was being killed (KILL, framework removal, a failed health check)
     * @param killedByHealthCheck whether that kill came from failed health checks
     * @param memMb the task's memory resource, for the OOM message
     */
    static TaskEnd of(ExitStatus status, boolean oomKilled, boolean killRequested, boolean killedByHealthCheck,
                      double memMb) {
        Boolean healthy = killedByHealthCheck ? Boolean.FALSE : null;
        return switch (status) {
            case ExitStatus.Exited exited when oomKilled -> new TaskEnd(TaskState.TASK_FAILED,
                    TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY,
                    "Memory limit exceeded: Requested: " + (long) memMb + "MB (container limit "
                            + (long) (memMb + ContainerLimits.EXECUTOR_MEM_MB) + "MB); the task was killed by the "
                            + "kernel's OOM killer (exit status " + exited.code() + ")", null);
            case ExitStatus.Exited exited when killRequested -> new TaskEnd(TaskState.TASK_KILLED, null,
                    "Command terminated with signal " + signalName(exited), healthy);
            case ExitStatus.Exited exited when exited.code() == 0 -> new TaskEnd(TaskState.TASK_FINISHED, null,
                    "Command exited with status 0", null);
            case ExitStatus.Exited exited -> new TaskEnd(TaskState.TASK_FAILED,
                    TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED,
                    exited.signal().isPresent() ? "Command terminated with signal " + signalName(exited)
                            : "Command exited with status " + exited.code(), null);
            case ExitStatus.LaunchFailed failed -> new TaskEnd(TaskState.TASK_FAILED,
                    TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED, "Failed to launch: " + failed.reason(), null);
            case ExitStatus.Unknown unknown -> new TaskEnd(killRequested ? TaskState.TASK_KILLED
                    : TaskState.TASK_FAILED, TaskStatus.Reason.REASON_EXECUTOR_TERMINATED, unknown.reason(), null);
        };
    }

    private static String signalName(ExitStatus.Exited exited) {
        return exited.signal().isPresent() ? SignalNames.name(exited.signal().getAsInt())
                : "(exit status " + exited.code() + ")";
    }
}
