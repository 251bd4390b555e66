package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.agent.oci.OciRuntimeKind;
import io.strata.agent.oci.RuncRuntime;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.server.wire.ResourceWire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Ten image tasks in one LAUNCH: the agent starts them concurrently; every one reaches TASK_RUNNING with its own
 * container, and killing them all leaves no container, mount or cached-image mistake behind.
 */
class ConcurrentImageLaunchTest extends BusyboxClusterTest {
    private static final int TASKS = 10;

    private static TaskInfo imageTask(String id, String command, Boolean cached) {
        return new TaskInfo(id, new TaskId(id), null,
                ResourceWire.toWire(ResourceParser.parse("cpus:0.1;mem:32", Resource.UNRESERVED)),
                new CommandInfo(null, null, true, command, null, null),
                new ContainerInfo(ContainerInfo.Type.MESOS, null, null, new ContainerInfo.MesosInfo(
                        new ContainerInfo.Image(ContainerInfo.Image.ImageType.DOCKER,
                                new ContainerInfo.Image.DockerImage("busybox"), cached)), null),
                null, null, null, null, null);
    }

    @Test
    void launch_tenImageTasksAtOnce_allRunInTheirOwnContainersAndAllAreKilledCleanly() throws Exception {
        framework.launchTasks(imageTask("first", "echo pulled", false));
        framework.awaitState("first", TaskState.TASK_FINISHED); // the image is in the store: the ten use the cache
        List<String> ids = IntStream.range(0, TASKS).mapToObj(i -> "many-" + i).toList();

        framework.launchTasks(ids.stream().map(id -> imageTask(id, "echo started-$MESOS_TASK_ID; exec sleep 300", null))
                .toArray(TaskInfo[]::new));

        ids.forEach(id -> framework.awaitState(id, TaskState.TASK_RUNNING));
        RuncRuntime runc = new RuncRuntime(OciRuntimeKind.RUNC, Path.of("/usr/sbin/runc"),
                cluster.workDir().resolve("runc"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(runc.list())
                .filteredOn(state -> state.isAlive()).hasSize(TASKS));
        for (Container c : cluster.agent().containers().all()) {
            if (ids.contains(c.task.taskId().value())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(c.sandbox.resolve("stdout"))
                        && Files.readString(c.sandbox.resolve("stdout")).contains("started-" + c.task.taskId().value()));
            }
        }

        ids.forEach(framework::kill);

        ids.forEach(id -> framework.awaitState(id, TaskState.TASK_KILLED));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(runc.list()).isEmpty());
        String root = cluster.workDir().toString();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                Files.readAllLines(Path.of("/proc/self/mountinfo"))).noneMatch(line -> line.contains(root)));
    }

    @Test
    void usesCache_followsMesosImageCachedDefaultingToTrue() {
        assertThat(ImageContainers.usesCache(imageTask("a", "true", null))).isTrue();
        assertThat(ImageContainers.usesCache(imageTask("a", "true", true))).isTrue();
        assertThat(ImageContainers.usesCache(imageTask("a", "true", false))).isFalse();
    }
}
