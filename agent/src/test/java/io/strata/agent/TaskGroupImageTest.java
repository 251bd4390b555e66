package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.server.wire.ResourceWire;
import org.junit.jupiter.api.Test;

/** An image task in a task group: runc joins the group's network namespace and nests in the group's cgroup. */
class TaskGroupImageTest extends BusyboxClusterTest {
    @Test
    void launchGroup_imageServerAndCommandClient_shareTheGroupsLoopback() {
        TaskInfo server = new TaskInfo("img-server", new TaskId("img-server"), null,
                ResourceWire.toWire(ResourceParser.parse("cpus:0.2;mem:64", Resource.UNRESERVED)),
                new CommandInfo(null, null, true, "mkdir -p /tmp/www && echo from-image > /tmp/www/index.html"
                        + " && exec httpd -f -p 127.0.0.1:18090 -h /tmp/www", null, null),
                new ContainerInfo(ContainerInfo.Type.MESOS, null, null, new ContainerInfo.MesosInfo(
                        new ContainerInfo.Image(ContainerInfo.Image.ImageType.DOCKER,
                                new ContainerInfo.Image.DockerImage("busybox"), null)), null),
                null, null, null, null, null);
        TaskInfo client = GroupFramework.task("img-client", "for i in $(seq 1 150); do curl -sf "
                + "http://127.0.0.1:18090/index.html | grep -q from-image && exit 0; sleep 0.2; done; exit 1");

        framework.launch("pod-img", server, client);

        framework.awaitState("img-server", TaskState.TASK_RUNNING);
        framework.awaitState("img-client", TaskState.TASK_FINISHED);
        assertThat(framework.latest("img-server").orElseThrow().state()).isEqualTo(TaskState.TASK_RUNNING);

        framework.kill("img-server");
        framework.awaitState("img-server", TaskState.TASK_KILLED);
    }
}
