package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.api.mesos.CheckInfo;
import io.strata.api.mesos.CheckStatusInfo;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.server.wire.ResourceWire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A COMMAND check of an image task runs inside its container: it sees a file the task wrote into the image's root
 * file system (absent on the agent's host), and its exit codes arrive as TASK_RUNNING updates with check_status.
 */
class TaskCheckImageTest extends BusyboxClusterTest {
    @Test
    void check_commandOfImageTaskInGroup_runsInTheContainersRootfs() {
        String marker = "/tmp/strata-check-" + UUID.randomUUID();
        assertThat(Files.exists(Path.of(marker))).isFalse();
        TaskInfo task = new TaskInfo("img-checked", new TaskId("img-checked"), null,
                ResourceWire.toWire(ResourceParser.parse("cpus:0.2;mem:64", Resource.UNRESERVED)),
                new CommandInfo(null, null, true, "sleep 4; echo ok > " + marker + "; exec sleep 600", null, null),
                new ContainerInfo(ContainerInfo.Type.MESOS, null, null, new ContainerInfo.MesosInfo(
                        new ContainerInfo.Image(ContainerInfo.Image.ImageType.DOCKER,
                                new ContainerInfo.Image.DockerImage("busybox"), null)), null),
                null, null, null, null, null,
                new CheckInfo(CheckInfo.Type.COMMAND, new CheckInfo.Command(new CommandInfo(null, null, true,
                        "cat " + marker, null, null)), null, null, 0.0, 0.5, 10.0));

        framework.launch("pod-checked", task);

        framework.awaitState("img-checked", TaskState.TASK_RUNNING);
        await().atMost(Duration.ofSeconds(60)).until(() -> exitCodes().contains(0));
        List<Integer> codes = exitCodes();
        assertThat(codes.get(codes.size() - 1)).isZero();
        assertThat(codes.get(0)).isNotZero(); // before the task wrote the file: cat failed inside the container
        assertThat(Files.exists(Path.of(marker))).isFalse(); // never on the host
        assertThat(framework.updates("img-checked")).filteredOn(s -> s.checkStatus() != null)
                .allMatch(s -> s.state() == TaskState.TASK_RUNNING
                        && s.reason() == TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED);
        assertThat(framework.latest("img-checked").orElseThrow().state()).isEqualTo(TaskState.TASK_RUNNING);

        framework.kill("img-checked");
        framework.awaitState("img-checked", TaskState.TASK_KILLED);
    }

    private List<Integer> exitCodes() {
        return framework.updates("img-checked").stream()
                .filter(s -> s.reason() == TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED)
                .map(TaskStatus::checkStatus).filter(Objects::nonNull).map(CheckStatusInfo::command)
                .map(CheckStatusInfo.Command::exitCode).filter(Objects::nonNull).toList();
    }
}
