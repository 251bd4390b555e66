package io.strata.master.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.FrameworkInfo.Capability;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How task states are translated for frameworks by their capabilities. */
class TaskLifecycleTest {

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource({
        // capabilities (space separated)     | state sent by the master/agent | state the framework sees
        "'',                                   TASK_RUNNING,      TASK_RUNNING",
        "'',                                   TASK_FINISHED,     TASK_FINISHED",
        "'',                                   TASK_UNREACHABLE,  TASK_LOST",
        "'',                                   TASK_DROPPED,      TASK_LOST",
        "'',                                   TASK_GONE,         TASK_LOST",
        "'',                                   TASK_GONE_BY_OPERATOR, TASK_LOST",
        "'',                                   TASK_UNKNOWN,      TASK_LOST",
        "'',                                   TASK_LOST,         TASK_LOST",
        "'',                                   TASK_KILLING,      TASK_RUNNING",
        "TASK_KILLING_STATE,                   TASK_KILLING,      TASK_KILLING",
        "TASK_KILLING_STATE,                   TASK_UNREACHABLE,  TASK_LOST",
        "PARTITION_AWARE,                      TASK_UNREACHABLE,  TASK_UNREACHABLE",
        "PARTITION_AWARE,                      TASK_DROPPED,      TASK_DROPPED",
        "PARTITION_AWARE,                      TASK_GONE,         TASK_GONE",
        "PARTITION_AWARE,                      TASK_UNKNOWN,      TASK_UNKNOWN",
        "PARTITION_AWARE,                      TASK_KILLING,      TASK_RUNNING",
        "PARTITION_AWARE TASK_KILLING_STATE,   TASK_KILLING,      TASK_KILLING",
        "PARTITION_AWARE TASK_KILLING_STATE,   TASK_UNREACHABLE,  TASK_UNREACHABLE",
        "GPU_RESOURCES,                        TASK_GONE,         TASK_LOST"})
    void forFramework_byCapabilities_translatesState(String capabilities, TaskState sent, TaskState seen) {
        FrameworkInfo info = framework(capabilities);
        TaskStatus status = TaskStatus.builder(new TaskId("t1"), sent).message("m")
                .reason(TaskStatus.Reason.REASON_AGENT_REMOVED).uuid("u").build();

        TaskStatus forwarded = TaskLifecycle.forFramework(info, status);

        assertThat(forwarded.state()).isEqualTo(seen);
        // everything but the state passes through
        assertThat(forwarded.toBuilder().state(sent).build()).isEqualTo(status);
    }

    private static FrameworkInfo framework(String capabilities) {
        List<Capability> caps = capabilities.isBlank() ? List.of() : Arrays.stream(capabilities.trim().split(" +"))
                .map(c -> new Capability(Capability.Type.valueOf(c))).toList();
        return new FrameworkInfo("root", "fw", null, 0.0, false, "*", null, null, null, caps, null);
    }
}
