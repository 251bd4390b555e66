package io.strata.master.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskState;
import io.strata.master.Master;
import io.strata.master.testkit.FakeAgent;
import io.strata.master.testkit.Http;
import io.strata.master.testkit.OneAgentCluster;
import io.strata.master.testkit.TestScheduler;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LAUNCH_GROUP against a real master and a hollow agent: forwarding, bookkeeping, resources, errors. */
class LaunchGroupTest {
    private OneAgentCluster one;
    private Master master;
    private FakeAgent agent;
    private TestScheduler fw;

    @BeforeEach
    void start() {
        one = OneAgentCluster.start();
        master = one.master;
        agent = one.agent;
        fw = one.fw;
    }

    @AfterEach
    void stop() {
        one.close();
    }

    private static String groupBody(String offerId, String executorId, String executorType, String... tasks) {
        return TestScheduler.launchGroupBody(offerId, executorId, executorType, tasks);
    }

    private String offerId() {
        return fw.awaitOffer().path("id").path("value").asText();
    }

    @Test
    void accept_launchGroup_sendsOneRunTaskGroupAndListsTheExecutorInState() {
        fw.accepted("ACCEPT", groupBody(offerId(), "pod1", "DEFAULT", TestScheduler.task("a", 1, 128),
                TestScheduler.task("b", 0.5, 64)));

        JsonNode run = agent.stream().await("RUN_TASK_GROUP").path("run_task_group");
        assertThat(run.path("executor").path("executor_id").path("value").asText()).isEqualTo("pod1");
        assertThat(run.path("executor").path("framework_id").path("value").asText()).isEqualTo(fw.frameworkId());
        assertThat(run.path("task_group").path("tasks")).extracting(t -> t.path("agent_id").path("value").asText())
                .containsOnly(agent.id().value());
        assertThat(fw.awaitUpdate("a", "TASK_RUNNING").path("executor_id").path("value").asText()).isEqualTo("pod1");
        fw.awaitUpdate("b", "TASK_RUNNING");

        JsonNode framework = Http.getJson(master.url() + "/master/state").path("frameworks").get(0);
        assertThat(framework.path("executors")).hasSize(1);
        JsonNode executor = framework.path("executors").get(0);
        assertThat(executor.path("executor_id").asText()).isEqualTo("pod1");
        assertThat(executor.path("slave_id").asText()).isEqualTo(agent.id().value());
        assertThat(executor.path("resources").path("cpus").asDouble()).isEqualTo(0.1);
        assertThat(framework.path("tasks")).extracting(t -> t.path("executor_id").asText()).containsOnly("pod1");
        // tasks 1 + 0.5 cpus and the executor's 0.1
        assertThat(framework.path("used_resources").path("cpus").asDouble()).isEqualTo(1.6);
        // later offers of the agent name the framework's running executor, as in Mesos
        JsonNode next = fw.awaitOfferAfter(1);
        assertThat(next.path("executor_ids")).extracting(e -> e.path("value").asText()).containsExactly("pod1");
        JsonNode v1 = Http.json(Http.post(master.url() + "/api/v1", "{\"type\":\"GET_STATE\"}",
                java.util.Map.of()).body());
        assertThat(v1.path("get_state").path("get_executors").path("executors").get(0).path("executor_info")
                .path("executor_id").path("value").asText()).isEqualTo("pod1");
    }

    @Test
    void lastTaskEnds_executorIsRemovedAndItsResourcesOfferedAgain() {
        fw.accepted("ACCEPT", groupBody(offerId(), "pod1", "DEFAULT", TestScheduler.task("a", 1, 128),
                TestScheduler.task("b", 1, 128)));
        fw.awaitUpdate("a", "TASK_RUNNING");
        fw.awaitUpdate("b", "TASK_RUNNING");
        FrameworkId f = new FrameworkId(fw.frameworkId());

        agent.update(f, agent.status(new TaskId("a"), TaskState.TASK_FINISHED));
        fw.awaitUpdate("a", "TASK_FINISHED");
        assertThat(Http.getJson(master.url() + "/master/state").path("frameworks").get(0).path("executors"))
                .hasSize(1);
        agent.update(f, agent.status(new TaskId("b"), TaskState.TASK_KILLED));
        fw.awaitUpdate("b", "TASK_KILLED");

        JsonNode state = Http.getJson(master.url() + "/master/state");
        assertThat(state.path("frameworks").get(0).path("executors")).isEmpty();
        assertThat(state.path("slaves").get(0).path("used_resources").path("cpus").asDouble()).isZero();
        // the executor's 0.1 cpus come back with the tasks': all 4 cpus are on offer again
        Awaitility.await("all cpus offered again").atMost(Duration.ofSeconds(30)).until(() -> Http.getJson(
                master.url() + "/master/state").path("frameworks").get(0).path("offered_resources").path("cpus")
                .asDouble() == 4.0);
    }

    @Test
    void accept_groupBeyondTheOfferCountingTheExecutor_failsEveryTaskWithTaskGroupInvalid() {
        // the tasks alone fit the 4 offered cpus; with the executor's 0.1 they do not
        fw.accepted("ACCEPT", groupBody(offerId(), "pod1", "DEFAULT", TestScheduler.task("a", 2, 128),
                TestScheduler.task("b", 2, 128)));

        JsonNode a = fw.awaitUpdate("a", "TASK_ERROR");
        JsonNode b = fw.awaitUpdate("b", "TASK_ERROR");
        assertThat(a.path("reason").asText()).isEqualTo("REASON_TASK_GROUP_INVALID");
        assertThat(b.path("message").asText()).contains("more resources");
        JsonNode framework = Http.getJson(master.url() + "/master/state").path("frameworks").get(0);
        assertThat(framework.path("executors")).isEmpty();
        assertThat(framework.path("tasks")).isEmpty();
        assertThat(agent.events("RUN_TASK_GROUP")).isEmpty();
    }

    @Test
    void accept_customExecutorType_failsEveryTaskNamingTheField() {
        fw.accepted("ACCEPT", groupBody(offerId(), "pod1", "CUSTOM", TestScheduler.task("a", 1, 128)));

        assertThat(fw.awaitUpdate("a", "TASK_ERROR").path("message").asText())
                .contains("launch_group.executor.type must be DEFAULT");
    }

    @Test
    void accept_executorIdInUse_failsTheSecondGroup() {
        fw.accepted("ACCEPT", groupBody(offerId(), "pod1", "DEFAULT", TestScheduler.task("a", 1, 128)));
        fw.awaitUpdate("a", "TASK_RUNNING");

        fw.accepted("ACCEPT", groupBody(fw.awaitOfferAfter(1).path("id").path("value").asText(), "pod1", "DEFAULT",
                TestScheduler.task("b", 1, 128)));

        assertThat(fw.awaitUpdate("b", "TASK_ERROR").path("message").asText()).contains("Executor 'pod1'");
    }

    @Test
    void accept_launchGroupWithoutTaskGroup_is400NamingTheField() {
        HttpResponse<String> r = fw.call("ACCEPT", "{\"offer_ids\":[{\"value\":\"" + offerId() + "\"}],"
                + "\"operations\":[{\"type\":\"LAUNCH_GROUP\",\"launch_group\":{\"executor\":{\"type\":\"DEFAULT\","
                + "\"executor_id\":{\"value\":\"e\"}}}}]}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("accept.operations[0].launch_group.task_group.tasks");
    }

    @Test
    void kill_oneTaskOfAGroup_reachesTheAgentForThatTask() {
        fw.accepted("ACCEPT", groupBody(offerId(), "pod1", "DEFAULT", TestScheduler.task("a", 1, 128),
                TestScheduler.task("b", 1, 128)));
        fw.awaitUpdate("b", "TASK_RUNNING");

        fw.accepted("KILL", "{\"task_id\":{\"value\":\"b\"}}");

        JsonNode kill = agent.stream().await("KILL_TASK").path("kill_task");
        assertThat(kill.path("task_id").path("value").asText()).isEqualTo("b");
        fw.awaitUpdate("b", "TASK_KILLED");
    }

    @Test
    void shutdown_ofAGroupsExecutor_killsItThroughOneOfItsTasks() {
        fw.accepted("ACCEPT", groupBody(offerId(), "pod1", "DEFAULT", TestScheduler.task("a", 1, 128),
                TestScheduler.task("b", 1, 128)));
        fw.awaitUpdate("b", "TASK_RUNNING");

        fw.accepted("SHUTDOWN", "{\"executor_id\":{\"value\":\"pod1\"},\"agent_id\":{\"value\":\""
                + agent.id().value() + "\"}}");

        JsonNode kill = agent.stream().await("KILL_TASK").path("kill_task");
        assertThat(kill.path("task_id").path("value").asText()).isIn("a", "b");
    }

    @Test
    void shutdown_withoutExecutorId_is400NamingTheFields() {
        HttpResponse<String> r = fw.call("SHUTDOWN", "{}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("shutdown.executor_id");
    }
}
