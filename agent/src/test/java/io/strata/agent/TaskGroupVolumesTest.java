package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.ContainerInfo.Volume;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.server.wire.ResourceWire;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mesos volumes in a task group: a PARENT sandbox volume shared by two image tasks (one writes, the other reads it
 * read-only) and by a task without an image (a link in its sandbox), and a SECRET volume given by value.
 */
class TaskGroupVolumesTest extends BusyboxClusterTest {
    private static final String SECRET = "s3cr3t-value";

    private static Volume parentVolume(String containerPath, String mode) {
        return new Volume(containerPath, null, mode, new Volume.Source(Volume.SourceType.SANDBOX_PATH, null,
                new Volume.SandboxPath(Volume.SandboxPath.SandboxType.PARENT, "volumes/shared"), null));
    }

    private static Volume secretVolume(String containerPath) {
        return new Volume(containerPath, null, "RO", new Volume.Source(Volume.SourceType.SECRET, null, null,
                new Volume.Secret(Volume.Secret.SecretType.VALUE, null, new Volume.Secret.Value(
                        Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))))));
    }

    private static TaskInfo task(String id, String image, List<Volume> volumes, String shell) {
        ContainerInfo.MesosInfo mesos = image == null ? null : new ContainerInfo.MesosInfo(new ContainerInfo.Image(
                ContainerInfo.Image.ImageType.DOCKER, new ContainerInfo.Image.DockerImage(image), null));
        return new TaskInfo(id, new TaskId(id), null,
                ResourceWire.toWire(ResourceParser.parse("cpus:0.2;mem:64", Resource.UNRESERVED)),
                new CommandInfo(null, null, true, shell, null, null),
                new ContainerInfo(ContainerInfo.Type.MESOS, volumes, null, mesos, null), null, null, null, null, null);
    }

    /** Waits up to 60 s for {@code file}, then runs {@code then}; exit 9 when it never appears. */
    private static String afterFile(String file, String then) {
        return "i=0; while [ ! -f " + file + " ]; do sleep 0.1; i=$((i+1)); if [ $i -gt 600 ]; then exit 9; fi; done; "
                + then;
    }

    @Test
    void launchGroup_parentVolumeAndSecret_sharedBetweenTasksAndReadOnlyWhereAsked() {
        TaskInfo writer = task("writer", "busybox", List.of(parentVolume("/shared", "RW")),
                "echo hello-from-writer > /shared/msg.tmp && busybox mv /shared/msg.tmp /shared/msg");
        TaskInfo reader = task("reader", "busybox", List.of(parentVolume("/data", "RO"),
                secretVolume("/etc/secret/token")), afterFile("/data/msg",
                "read msg < /data/msg; read token < /etc/secret/token; echo \"msg=$msg token=$token\"; "
                        + "[ \"$msg\" = hello-from-writer ] || exit 3; [ \"$token\" = " + SECRET + " ] || exit 4; "
                        + "if echo x 2>/dev/null > /etc/secret/token; then exit 5; fi; "
                        + "if echo x 2>/dev/null > /data/other; then exit 6; fi; echo read-only-holds"));
        TaskInfo plain = task("plain", null, List.of(parentVolume("shared", "RW"), secretVolume("conf/token")),
                afterFile("shared/msg", "grep -qx hello-from-writer shared/msg || exit 3; "
                        + "grep -qx " + SECRET + " conf/token || exit 4"));

        framework.launch("pod-volumes", writer, reader, plain);

        framework.awaitState("writer", TaskState.TASK_FINISHED);
        TaskStatus read = framework.awaitState("reader", TaskState.TASK_FINISHED);
        framework.awaitState("plain", TaskState.TASK_FINISHED);
        assertThat(read.state()).isEqualTo(TaskState.TASK_FINISHED);
    }

    @Test
    void launch_tasksOfTheirOwn_selfVolumeAndSecretAsLinkOrBindMount() {
        Volume self = new Volume("work", null, "RW", new Volume.Source(Volume.SourceType.SANDBOX_PATH, null,
                new Volume.SandboxPath(Volume.SandboxPath.SandboxType.SELF, "volumes/work"), null));
        TaskInfo plain = task("plain-own", null, List.of(self, secretVolume("conf/token")),
                "echo kept > work/f && grep -qx kept volumes/work/f && grep -qx " + SECRET + " conf/token");
        TaskInfo image = task("image-own", "busybox", List.of(self, secretVolume("/run/token")),
                "echo kept > /mnt/mesos/sandbox/work/f && read f < /mnt/mesos/sandbox/volumes/work/f && "
                        + "[ \"$f\" = kept ] && t=$(cat /run/token) && [ \"$t\" = " + SECRET + " ] && "
                        + "if echo x 2>/dev/null > /run/token; then exit 5; fi");

        framework.launchTasks(plain, image);

        framework.awaitState("plain-own", TaskState.TASK_FINISHED);
        framework.awaitState("image-own", TaskState.TASK_FINISHED);
    }

    @Test
    void launchGroup_sandboxPathWithDotDot_failsNamingTheField() {
        TaskInfo bad = task("bad-volume", "busybox", List.of(new Volume("/x", null, "RW", new Volume.Source(
                Volume.SourceType.SANDBOX_PATH, null, new Volume.SandboxPath(Volume.SandboxPath.SandboxType.SELF,
                "../../escape"), null))), "true");

        framework.launch("pod-bad-volume", bad);

        TaskStatus failed = framework.awaitState("bad-volume", TaskState.TASK_FAILED);
        assertThat(failed.reason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(failed.message()).contains("container.volumes[0].source.sandbox_path.path '../../escape' must not "
                + "contain '..'");
    }
}
