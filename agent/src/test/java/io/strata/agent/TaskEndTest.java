package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.agent.launcher.ExitStatus;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import org.junit.jupiter.api.Test;

class TaskEndTest {
    @Test
    void of_exitZero_finished() {
        TaskEnd end = TaskEnd.of(new ExitStatus.Exited(0), false, false, false, 32);

        assertThat(end).isEqualTo(new TaskEnd(TaskState.TASK_FINISHED, null, "Command exited with status 0", null));
    }

    @Test
    void of_oomKilled_failedWithMemoryLimitationNamingBothLimits() {
        TaskEnd end = TaskEnd.of(new ExitStatus.Exited(137), true, true, false, 16);

        assertThat(end.state()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(end.reason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LIMITATION_MEMORY);
        // 16 MB asked, plus the executor's 32 MB = a 48 MB container limit
        assertThat(end.message()).contains("Requested: 16MB (container limit 48MB)").contains("exit status 137");
    }

    @Test
    void of_killedByHealthCheck_killedAndUnhealthy() {
        TaskEnd end = TaskEnd.of(new ExitStatus.Exited(143), false, true, true, 32);

        assertThat(end.state()).isEqualTo(TaskState.TASK_KILLED);
        assertThat(end.healthy()).isFalse();
        assertThat(end.message()).startsWith("Command terminated with signal");
    }

    @Test
    void of_nonZeroExit_failedWithCommandExecutorReason() {
        TaskEnd end = TaskEnd.of(new ExitStatus.Exited(3), false, false, false, 32);

        assertThat(end).isEqualTo(new TaskEnd(TaskState.TASK_FAILED, TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED,
                "Command exited with status 3", null));
    }

    @Test
    void of_unknownWhileKilling_killedWithExecutorTerminated() {
        TaskEnd end = TaskEnd.of(new ExitStatus.Unknown("gone"), false, true, false, 32);

        assertThat(end).isEqualTo(new TaskEnd(TaskState.TASK_KILLED, TaskStatus.Reason.REASON_EXECUTOR_TERMINATED,
                "gone", null));
    }

    @Test
    void of_launchFailed_failedWithLaunchReason() {
        TaskEnd end = TaskEnd.of(new ExitStatus.LaunchFailed("no sandbox"), false, false, false, 32);

        assertThat(end.reason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(end.message()).isEqualTo("Failed to launch: no sandbox");
    }
}
