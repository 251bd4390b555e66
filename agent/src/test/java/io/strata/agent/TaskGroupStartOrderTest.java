package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.Label;
import io.strata.api.mesos.Labels;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.core.resources.Resource;
import io.strata.core.resources.ResourceParser;
import io.strata.server.wire.ResourceWire;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Start order within a task group ({@value Pod#START_AFTER_LABEL}): a task starts once the earlier tasks it names have
 * finished, in the same network namespace and executor sandbox; a failure of one it waits for kills it unstarted.
 * Real master, agent, cgroups and namespaces.
 */
class TaskGroupStartOrderTest extends GroupClusterTest {
    private static final int PORT = 18090;

    private static TaskInfo task(String id, String command, String after) {
        Labels labels = after == null ? null : new Labels(List.of(new Label(Pod.START_AFTER_LABEL, after)));
        return new TaskInfo(id, new TaskId(id), null, ResourceWire.toWire(ResourceParser.parse("cpus:0.1;mem:32",
                Resource.UNRESERVED)), new CommandInfo(null, null, true, command, null, null), null, null, null,
                null, labels, null);
    }

    @Test
    void startAfter_laterTasksStartOnceTheEarlierFinished_inTheSameNamespaceAndSandbox() {
        // the first task writes into the executor's sandbox and records its namespace; the server starts only after
        // it, and the last task checks both, then reaches the server on the group's loopback
        framework.launch("pod-order",
                task("order-init", "sleep 1; readlink /proc/self/ns/net > ../../shared-ns; echo done > ../../written",
                        null),
                task("order-server", "exec socat TCP-LISTEN:" + PORT + ",bind=127.0.0.1,reuseaddr,fork "
                        + "SYSTEM:'echo hi'", "order-init"),
                task("order-check", "test \"$(cat ../../written)\" = done && test \"$(cat ../../shared-ns)\" = "
                        + "\"$(readlink /proc/self/ns/net)\" && for i in $(seq 1 100); do socat -u TCP:127.0.0.1:"
                        + PORT + " - | grep -q hi && exit 0; sleep 0.2; done; exit 1", "order-init"));

        framework.awaitState("order-check", TaskState.TASK_FINISHED);
        assertThat(framework.states("order-init")).containsSubsequence(TaskState.TASK_RUNNING,
                TaskState.TASK_FINISHED);
        assertThat(framework.latest("order-server").orElseThrow().state()).isEqualTo(TaskState.TASK_RUNNING);
        framework.kill("order-server");
        framework.awaitState("order-server", TaskState.TASK_KILLED);
    }

    @Test
    void startAfter_theEarlierTaskFails_waitingTasksAreKilledUnstarted() {
        framework.launch("pod-order-fail", task("of-init", "exit 2", null),
                task("of-app", "sleep 600", "of-init"));

        framework.awaitState("of-init", TaskState.TASK_FAILED);
        framework.awaitState("of-app", TaskState.TASK_KILLED);
        assertThat(framework.states("of-app")).doesNotContain(TaskState.TASK_RUNNING);
    }

    @Test
    void startOrder_labelNamingALaterOrUnknownTask_isRefused() {
        assertThat(Pod.startOrder(List.of(task("a", "true", null), task("b", "true", "a"), task("c", "true", "a,b"))))
                .isEqualTo(Map.of(1, Set.of("a"), 2, Set.of("a", "b")));
        assertThatThrownBy(() -> Pod.startOrder(List.of(task("a", "true", "b"), task("b", "true", null))))
                .hasMessageContaining("task a: label strata.io/start-after names 'b', which is not an earlier task");
    }
}
