package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.mesos.CommandInfo;
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
 * Start order ({@value Pod#START_AFTER_LABEL}) across an agent restart on the same work directory: a task still
 * waiting for its predecessors is resumed, never failed or started twice, and starts once they finished, also when
 * they ended while the agent was down (with their real exit status). Real master, agent, cgroups and namespaces.
 */
class TaskGroupStartOrderRecoveryTest extends GroupClusterTest {

    private static TaskInfo task(String id, String command, String after) {
        Labels labels = after == null ? null : new Labels(List.of(new Label(Pod.START_AFTER_LABEL, after)));
        return new TaskInfo(id, new TaskId(id), null, ResourceWire.toWire(ResourceParser.parse("cpus:0.1;mem:32",
                Resource.UNRESERVED)), new CommandInfo(null, null, true, command, null, null), null, null, null,
                null, labels, null);
    }

    /** The app records each of its starts in the group's sandbox and checks that the init task had finished. */
    private static String app(String name) {
        return "test -f ../../" + name + "-init-done || exit 3; echo started >> ../../" + name + "-starts; exec sleep 600";
    }

    @Test
    void agentRestart_whileTheInitTaskRuns_theAppStartsOnceAfterIt() throws Exception {
        framework.launch("pod-wait-r", task("wr-init", "sleep 8; touch ../../wr-init-done", null),
                task("wr-app", app("wr"), "wr-init"));
        framework.awaitState("wr-init", TaskState.TASK_RUNNING);
        framework.awaitState("wr-app", TaskState.TASK_STARTING);

        cluster.restartAgent();

        assertThat(framework.states("wr-init")).doesNotContain(TaskState.TASK_FINISHED); // restarted while it ran
        framework.awaitState("wr-init", TaskState.TASK_FINISHED);
        framework.awaitState("wr-app", TaskState.TASK_RUNNING);
        assertStartedOnce("wr");
        framework.kill("wr-app");
        framework.awaitState("wr-app", TaskState.TASK_KILLED);
    }

    @Test
    void agentRestart_theInitTaskFinishedWhileTheAgentWasDown_theAppStartsOnce() throws Exception {
        framework.launch("pod-wait-d", task("wd-init", "sleep 2; touch ../../wd-init-done", null),
                task("wd-app", app("wd"), "wd-init"));
        framework.awaitState("wd-init", TaskState.TASK_RUNNING);
        framework.awaitState("wd-app", TaskState.TASK_STARTING);

        cluster.restartAgent(Duration.ofSeconds(5));

        framework.awaitState("wd-init", TaskState.TASK_FINISHED);
        framework.awaitState("wd-app", TaskState.TASK_RUNNING);
        assertStartedOnce("wd");
        framework.kill("wd-app");
        framework.awaitState("wd-app", TaskState.TASK_KILLED);
    }

    @Test
    void agentRestart_theInitTaskFailedWhileTheAgentWasDown_theAppIsKilledUnstarted() {
        framework.launch("pod-wait-f", task("wf-init", "sleep 2; exit 7", null),
                task("wf-app", app("wf"), "wf-init"));
        framework.awaitState("wf-init", TaskState.TASK_RUNNING);
        framework.awaitState("wf-app", TaskState.TASK_STARTING);

        cluster.restartAgent(Duration.ofSeconds(5));

        assertThat(framework.awaitState("wf-init", TaskState.TASK_FAILED).message()).contains("status 7");
        framework.awaitState("wf-app", TaskState.TASK_KILLED);
        assertThat(framework.states("wf-app")).doesNotContain(TaskState.TASK_RUNNING, TaskState.TASK_FAILED,
                TaskState.TASK_LOST);
    }

    /**
     * The app ran exactly once, and never failed or was lost: it records its start, and a second start (or one
     * before the init task finished) would show up here within the wait.
     */
    private void assertStartedOnce(String name) throws Exception {
        Awaitility.await(name + " app recorded its start").atMost(Duration.ofSeconds(30))
                .until(() -> starts(name).size() == 1);
        Thread.sleep(2000); // a duplicate start would come from the recovery just done, within this margin
        assertThat(starts(name)).containsExactly("started");
        assertThat(framework.states(name + "-app")).doesNotContain(TaskState.TASK_FAILED, TaskState.TASK_LOST);
        // updates are delivered at least once: a resent one has the same uuid, a second start would not
        assertThat(framework.updates(name + "-app").stream().filter(s -> s.state() == TaskState.TASK_RUNNING)
                .map(io.strata.api.mesos.TaskStatus::uuid).distinct()).hasSize(1);
    }

    private List<String> starts(String name) throws IOException {
        try (Stream<Path> files = Files.walk(cluster.workDir())) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals(name + "-starts")).toList();
            return found.isEmpty() ? List.of() : Files.readAllLines(found.get(0));
        }
    }
}
