package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.Label;
import io.strata.api.mesos.Labels;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.server.wire.ResourceWire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A pod's init container as the Kubernetes framework launches it (busybox image tasks with runc, the app labelled
 * {@value Pod#START_AFTER_LABEL}) across an agent restart while the init container runs: the app starts once, after
 * it, in the recovered group.
 */
class TaskGroupImageStartOrderRecoveryTest extends BusyboxClusterTest {

    private static TaskInfo imageTask(String id, String command, String after) {
        Labels labels = after == null ? null : new Labels(List.of(new Label(Pod.START_AFTER_LABEL, after)));
        ContainerInfo.Volume shared = new ContainerInfo.Volume("/shared", null, "RW", new ContainerInfo.Volume.Source(
                ContainerInfo.Volume.SourceType.SANDBOX_PATH, null, new ContainerInfo.Volume.SandboxPath(
                        ContainerInfo.Volume.SandboxPath.SandboxType.PARENT, "volumes/shared"), null));
        ContainerInfo container = new ContainerInfo(ContainerInfo.Type.MESOS, List.of(shared), null,
                new ContainerInfo.MesosInfo(new ContainerInfo.Image(ContainerInfo.Image.ImageType.DOCKER,
                        new ContainerInfo.Image.DockerImage("busybox"), null)), null);
        return new TaskInfo(id, new TaskId(id), null, ResourceWire.toWire(ResourceParser.parse("cpus:0.1;mem:32",
                Resource.UNRESERVED)), new CommandInfo(null, null, true, command, null, null), container, null, null,
                null, labels, null);
    }

    @Test
    void agentRestart_whileTheInitContainerRuns_theAppContainerStartsOnceAfterIt() throws Exception {
        framework.launch("pod-img-wait", imageTask("iw-init", "sleep 8; touch /shared/init-done", null),
                imageTask("iw-app", "test -f /shared/init-done || exit 3; echo started >> /shared/starts; "
                        + "exec sleep 600", "iw-init"));
        framework.awaitState("iw-init", TaskState.TASK_RUNNING);
        framework.awaitState("iw-app", TaskState.TASK_STARTING);

        cluster.restartAgent();

        assertThat(framework.states("iw-init")).doesNotContain(TaskState.TASK_FINISHED); // restarted while it ran
        framework.awaitState("iw-init", TaskState.TASK_FINISHED);
        framework.awaitState("iw-app", TaskState.TASK_RUNNING);
        Awaitility.await("the app recorded its start").atMost(Duration.ofSeconds(30))
                .until(() -> starts().size() == 1);
        Thread.sleep(2000); // a duplicate start would come from the recovery just done, within this margin
        assertThat(starts()).containsExactly("started");
        assertThat(framework.states("iw-app")).doesNotContain(TaskState.TASK_FAILED, TaskState.TASK_LOST);
        framework.kill("iw-app");
        framework.awaitState("iw-app", TaskState.TASK_KILLED);
    }

    private List<String> starts() throws IOException {
        try (Stream<Path> files = Files.walk(cluster.workDir())) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals("starts")
                    && f.getParent().getFileName().toString().equals("shared")).toList();
            return found.isEmpty() ? List.of() : Files.readAllLines(found.get(0));
        }
    }
}
