package io.strata.master.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.master.Master;
import io.strata.master.testkit.FakeAgent;
import io.strata.master.testkit.Http;
import io.strata.master.testkit.OneAgentCluster;
import io.strata.master.testkit.TestCluster;
import io.strata.master.testkit.TestScheduler;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The non-SUBSCRIBE scheduler calls against a real master and a hollow agent. */
class SchedulerCallsTest {
    private OneAgentCluster one;
    private TestCluster cluster;
    private Master master;
    private FakeAgent agent;
    private TestScheduler fw;

    @BeforeEach
    void start() {
        one = OneAgentCluster.start();
        cluster = one.cluster;
        master = one.master;
        agent = one.agent;
        fw = one.fw;
    }

    @AfterEach
    void stop() {
        one.close();
    }

    @Test
    void accept_launch_stagesTaskRunsItOnAgentAndForwardsRunningWithUuid() {
        agent.answerRunTask(false);
        JsonNode offer = fw.awaitOffer();

        fw.launch(offer, "t1", 1, 128);

        JsonNode run = agent.stream().await("RUN_TASK");
        assertThat(run.path("run_task").path("task").path("task_id").path("value").asText()).isEqualTo("t1");
        assertThat(run.path("run_task").path("task").path("agent_id").path("value").asText())
                .isEqualTo(agent.id().value());
        assertThat(run.path("run_task").path("framework_info").path("id").path("value").asText())
                .isEqualTo(fw.frameworkId());
        assertThat(task("t1").path("state").asText()).isEqualTo("TASK_STAGING");

        var running = agent.status(new io.strata.api.mesos.TaskId("t1"), io.strata.api.mesos.TaskState.TASK_RUNNING);
        assertThat(agent.update(new io.strata.api.mesos.FrameworkId(fw.frameworkId()), running).statusCode())
                .isEqualTo(202);

        JsonNode status = fw.awaitUpdate("t1", "TASK_RUNNING");
        assertThat(status.path("uuid").asText()).isEqualTo(running.uuid());
        assertThat(Base64.getDecoder().decode(status.path("uuid").asText())).hasSize(16);
        assertThat(status.path("agent_id").path("value").asText()).isEqualTo(agent.id().value());
        assertThat(status.path("source").asText()).isEqualTo("SOURCE_EXECUTOR");
        assertThat(task("t1").path("state").asText()).isEqualTo("TASK_RUNNING");
    }

    @Test
    void acknowledge_ofForwardedUpdate_reachesTheAgent() {
        fw.launch(fw.awaitOffer(), "t1", 1, 128);
        JsonNode status = fw.awaitUpdate("t1", "TASK_RUNNING");

        fw.accepted("ACKNOWLEDGE", "{\"agent_id\":{\"value\":\"" + agent.id().value() + "\"},"
                + "\"task_id\":{\"value\":\"t1\"},\"uuid\":\"" + status.path("uuid").asText() + "\"}");

        JsonNode ack = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(agent::acknowledgements, l -> !l.isEmpty()).get(0);
        assertThat(ack.path("task_id").path("value").asText()).isEqualTo("t1");
        assertThat(ack.path("uuid").asText()).isEqualTo(status.path("uuid").asText());
        assertThat(ack.path("framework_id").path("value").asText()).isEqualTo(fw.frameworkId());
    }

    @Test
    void decline_withRefuseSeconds_keepsAgentAwayUntilExpiry() {
        JsonNode offer = fw.awaitOffer();
        long declined = System.nanoTime();

        fw.accepted("DECLINE", "{\"offer_ids\":[{\"value\":\"" + offer.path("id").path("value").asText()
                + "\"}],\"filters\":{\"refuse_seconds\":1.5}}");

        JsonNode next = fw.awaitOfferAfter(1);
        assertThat(Duration.ofNanos(System.nanoTime() - declined)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        assertThat(next.path("agent_id").path("value").asText()).isEqualTo(agent.id().value());
        assertThat(SubscribeTest.scalar(next, "cpus")).isEqualTo(4.0);
    }

    @Test
    void revive_afterLongDecline_clearsFilters() {
        JsonNode offer = fw.awaitOffer();
        fw.accepted("DECLINE", "{\"offer_ids\":[{\"value\":\"" + offer.path("id").path("value").asText()
                + "\"}],\"filters\":{\"refuse_seconds\":3600}}");
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> fw.stream().events("OFFERS").size() == 1);

        fw.accepted("REVIVE", null);

        assertThat(fw.awaitOfferAfter(1).path("agent_id").path("value").asText()).isEqualTo(agent.id().value());
    }

    @Test
    void suppress_thenDecline_stopsOffersUntilRevive() {
        JsonNode offer = fw.awaitOffer();

        fw.accepted("SUPPRESS", null);
        fw.accepted("DECLINE", "{\"offer_ids\":[{\"value\":\"" + offer.path("id").path("value").asText()
                + "\"}],\"filters\":{\"refuse_seconds\":0}}");

        Awaitility.await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> fw.stream().events("OFFERS").size() == 1);
        fw.accepted("REVIVE", null);
        fw.awaitOfferAfter(1);
    }

    @Test
    void offer_pastOfferTimeout_isRescinded() {
        fw.close();
        cluster.close();
        cluster = TestCluster.start();
        master = cluster.startLeader(c -> c.withOfferTimeout(Duration.ofMillis(300)));
        agent = FakeAgent.standard(master.url(), "a1").subscribe();
        fw = TestScheduler.subscribe(master.url(), TestScheduler.PLAIN);
        String offerId = fw.awaitOffer().path("id").path("value").asText();

        JsonNode rescind = fw.stream().await("RESCIND");

        assertThat(rescind.path("rescind").path("offer_id").path("value").asText()).isEqualTo(offerId);
        // the resources come back in a new offer
        assertThat(fw.awaitOfferAfter(1).path("id").path("value").asText()).isNotEqualTo(offerId);
    }

    @Test
    void kill_runningTask_killsOnAgentAndForwardsKilled() {
        fw.launch(fw.awaitOffer(), "t1", 1, 128);
        fw.awaitUpdate("t1", "TASK_RUNNING");

        fw.accepted("KILL", "{\"task_id\":{\"value\":\"t1\"},\"agent_id\":{\"value\":\"" + agent.id().value() + "\"}}");

        JsonNode kill = agent.stream().await("KILL_TASK");
        assertThat(kill.path("kill_task").path("task_id").path("value").asText()).isEqualTo("t1");
        JsonNode killed = fw.awaitUpdate("t1", "TASK_KILLED");
        assertThat(killed.path("uuid").asText()).isNotEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> frameworkState().path("tasks").isEmpty());
        assertThat(frameworkState().path("completed_tasks").get(0).path("state").asText()).isEqualTo("TASK_KILLED");
    }

    @Test
    void kill_unknownTask_answersTaskLost() {
        fw.accepted("KILL", "{\"task_id\":{\"value\":\"ghost\"}}");

        JsonNode lost = fw.awaitUpdate("ghost", "TASK_LOST");
        assertThat(lost.has("uuid")).isFalse();
        assertThat(agent.events("KILL_TASK")).isEmpty();
    }

    @Test
    void reconcile_explicit_answersKnownWithStateAndUnknownWithLost() {
        fw.launch(fw.awaitOffer(), "t1", 1, 128);
        fw.awaitUpdate("t1", "TASK_RUNNING");
        int before = fw.stream().events("UPDATE").size();

        fw.accepted("RECONCILE", "{\"tasks\":[{\"task_id\":{\"value\":\"t1\"}},{\"task_id\":{\"value\":\"nope\"},"
                + "\"agent_id\":{\"value\":\"" + agent.id().value() + "\"}}]}");

        JsonNode lost = fw.awaitUpdate("nope", "TASK_LOST");
        assertThat(lost.path("reason").asText()).isEqualTo("REASON_RECONCILIATION");
        assertThat(lost.has("uuid")).isFalse();
        JsonNode known = Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> fw.stream().events("UPDATE"), l -> l.size() >= before + 2).get(before)
                .path("update").path("status");
        assertThat(known.path("task_id").path("value").asText()).isEqualTo("t1");
        assertThat(known.path("state").asText()).isEqualTo("TASK_RUNNING");
        assertThat(known.path("reason").asText()).isEqualTo("REASON_RECONCILIATION");
        assertThat(known.has("uuid")).isFalse();
    }

    @Test
    void reconcile_implicit_answersEveryActiveTask() {
        JsonNode offer = fw.awaitOffer();
        fw.accepted("ACCEPT", TestScheduler.acceptBody(offer.path("id").path("value").asText(),
                TestScheduler.task("t1", 1, 128), TestScheduler.task("t2", 1, 128)));
        fw.awaitUpdate("t1", "TASK_RUNNING");
        fw.awaitUpdate("t2", "TASK_RUNNING");
        int before = fw.stream().events("UPDATE").size();

        fw.accepted("RECONCILE", "{\"tasks\":[]}");

        var replies = Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> fw.stream().events("UPDATE"), l -> l.size() >= before + 2)
                .subList(before, before + 2);
        assertThat(replies).extracting(e -> e.path("update").path("status").path("task_id").path("value").asText())
                .containsExactlyInAnyOrder("t1", "t2");
        assertThat(replies).allSatisfy(e -> {
            assertThat(e.path("update").path("status").path("reason").asText()).isEqualTo("REASON_RECONCILIATION");
            assertThat(e.path("update").path("status").path("state").asText()).isEqualTo("TASK_RUNNING");
        });
    }

    @Test
    void teardown_killsTasksShutsDownFrameworkAndRemovesIt() {
        fw.launch(fw.awaitOffer(), "t1", 1, 128);
        fw.awaitUpdate("t1", "TASK_RUNNING");

        fw.accepted("TEARDOWN", null);

        JsonNode shutdown = agent.stream().await("SHUTDOWN_FRAMEWORK");
        assertThat(shutdown.path("shutdown_framework").path("framework_id").path("value").asText())
                .isEqualTo(fw.frameworkId());
        fw.stream().awaitEnded();
        JsonNode state = Http.getJson(master.url() + "/master/state");
        assertThat(state.path("frameworks")).isEmpty();
        assertThat(state.path("completed_frameworks")).extracting(f -> f.path("id").asText())
                .containsExactly(fw.frameworkId());
        assertThat(state.path("slaves").get(0).path("used_resources").path("cpus").asDouble()).isZero();
        // calls of a removed framework are refused
        assertThat(fw.call("REVIVE", null).statusCode()).isEqualTo(403);
    }

    private JsonNode frameworkState() {
        return Http.getJson(master.url() + "/master/state").path("frameworks").get(0);
    }

    private JsonNode task(String id) {
        for (JsonNode t : frameworkState().path("tasks")) {
            if (t.path("id").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("no task " + id);
    }
}
