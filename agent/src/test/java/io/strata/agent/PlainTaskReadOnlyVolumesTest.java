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
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Read-only volumes of tasks without an image (links in their sandbox): a write through the link fails, a read works,
 * and a read-write volume beside it stays writable; for a task of its own and for a task of a group.
 */
class PlainTaskReadOnlyVolumesTest extends GroupClusterTest {
    private static final String SECRET = "plain-secret";
    /** Exits 0 only when reads work, writes into the RO volumes fail and the RW volume takes a write. */
    private static final String CHECK = "grep -qx " + SECRET + " conf/token || exit 3; "
            + "if echo x 2>/dev/null > conf/token; then exit 4; fi; "
            + "if echo x 2>/dev/null > %s/new; then exit 5; fi; "
            + "echo ok > rw/written || exit 6; echo read-only-holds";

    private static Volume sandboxVolume(String containerPath, Volume.SandboxPath.SandboxType type, String path,
                                        String mode) {
        return new Volume(containerPath, null, mode, new Volume.Source(Volume.SourceType.SANDBOX_PATH, null,
                new Volume.SandboxPath(type, path), null));
    }

    private static Volume secretVolume(String containerPath) {
        return new Volume(containerPath, null, "RO", new Volume.Source(Volume.SourceType.SECRET, null, null,
                new Volume.Secret(Volume.Secret.SecretType.VALUE, null, new Volume.Secret.Value(
                        Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))))));
    }

    private static TaskInfo task(String id, List<Volume> volumes, String shell) {
        return new TaskInfo(id, new TaskId(id), null,
                ResourceWire.toWire(ResourceParser.parse("cpus:0.1;mem:32", Resource.UNRESERVED)),
                new CommandInfo(null, null, true, shell, null, null),
                new ContainerInfo(ContainerInfo.Type.MESOS, volumes, null, null, null), null, null, null, null, null);
    }

    @Test
    void launch_taskOfItsOwnWithReadOnlyVolumes_writesFailAndReadsWork() {
        framework.launchTasks(task("own", List.of(
                sandboxVolume("ro", Volume.SandboxPath.SandboxType.SELF, "volumes/ro", "RO"),
                sandboxVolume("rw", Volume.SandboxPath.SandboxType.SELF, "volumes/rw", "RW"),
                secretVolume("conf/token")), CHECK.formatted("ro")));

        TaskStatus end = framework.awaitState("own", TaskState.TASK_FINISHED);

        assertThat(end.message()).isEqualTo("Command exited with status 0");
    }

    @Test
    void launchGroup_plainTaskWithReadOnlyParentVolume_writesFail() {
        framework.launch("pod-ro", task("grouped", List.of(
                sandboxVolume("shared", Volume.SandboxPath.SandboxType.PARENT, "volumes/shared", "RO"),
                sandboxVolume("rw", Volume.SandboxPath.SandboxType.SELF, "volumes/rw", "RW"),
                secretVolume("conf/token")), CHECK.formatted("shared")));

        TaskStatus end = framework.awaitState("grouped", TaskState.TASK_FINISHED);

        assertThat(end.state()).isEqualTo(TaskState.TASK_FINISHED);
    }
}
