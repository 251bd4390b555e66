package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.agent.oci.CgroupLayout;
import io.strata.agent.oci.OciRuntimeKind;
import io.strata.agent.oci.OciRuntimeSelection;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --oci-runtime crun} on a host where crun cannot run containers (not installed, or hybrid cgroups as on this
 * machine): the agent still starts and runs plain tasks; image tasks fail with the reason.
 */
class OciRuntimeChoiceEndToEndTest {
    @TempDir
    Path dataDir;
    private GroupCluster cluster;
    private GroupFramework framework;

    @AfterEach
    void stop() {
        if (framework != null) {
            framework.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void launch_crunChosenWhereItCannotWork_imageTaskFailsWithTheReasonAndPlainTaskRuns() {
        OciRuntimeSelection here = OciRuntimeSelection.choose("crun", OciRuntimeKind.installed(),
                CgroupLayout.detect(Path.of("/sys/fs/cgroup")));
        Assumptions.assumeTrue(here instanceof OciRuntimeSelection.Unavailable, "crun works on this host");
        cluster = GroupCluster.start(dataDir, new ImageSettings("127.0.0.1:1", Set.of(), "crun"));
        framework = GroupFramework.subscribe(cluster.master().url());

        framework.launch("pod-crun", RegistryCredentialsEndToEndTest.imageTask("needs-crun", "busybox", "true"));
        framework.launch("pod-plain", GroupFramework.task("plain", "echo still-runs"));

        TaskStatus failed = framework.awaitState("needs-crun", TaskState.TASK_FAILED);
        assertThat(failed.reason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
        assertThat(failed.message()).contains(((OciRuntimeSelection.Unavailable) here).message());
        framework.awaitState("plain", TaskState.TASK_FINISHED);
    }
}
