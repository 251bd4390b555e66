package io.strata.master.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.agent.AgentCall;
import io.strata.api.json.Json;
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
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Strata's batch extensions: {@code POST /api/v1/agent/batch} and {@code POST /api/v1/scheduler/batch}. */
class BatchCallsTest {
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
        agent.answerRunTask(false);
        String offerId = fw.awaitOffer().path("id").path("value").asText();
        fw.accepted("ACCEPT", TestScheduler.acceptBody(offerId, TestScheduler.task("t1", 1, 128),
                TestScheduler.task("t2", 1, 128)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> agent.events("RUN_TASK").size() == 2);
    }

    @AfterEach
    void stop() {
        one.close();
    }

    private AgentCall update(String taskId, TaskState state) {
        return AgentCall.update(agent.id(), new AgentCall.Update(new FrameworkId(fw.frameworkId()),
                agent.status(new TaskId(taskId), state)));
    }

    private HttpResponse<String> postAgentBatch(Object body) {
        return Http.post(master.url() + "/api/v1/agent/batch", body instanceof String s ? s : Json.toString(body),
                Map.of());
    }

    private HttpResponse<String> postSchedulerBatch(String body, Map<String, String> headers) {
        return Http.post(master.url() + "/api/v1/scheduler/batch", body, headers);
    }

    @Test
    void agentBatch_updatesOfTwoTasks_bothAppliedAndForwardedWithTheirUuids() {
        AgentCall one = update("t1", TaskState.TASK_RUNNING);
        AgentCall two = update("t2", TaskState.TASK_RUNNING);

        HttpResponse<String> r = postAgentBatch(List.of(one, two, AgentCall.heartbeat(agent.id())));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(fw.awaitUpdate("t1", "TASK_RUNNING").path("uuid").asText()).isEqualTo(one.update().status().uuid());
        assertThat(fw.awaitUpdate("t2", "TASK_RUNNING").path("uuid").asText()).isEqualTo(two.update().status().uuid());
    }

    @Test
    void agentBatch_oneInvalidUpdate_othersAppliedAndTheFailureNamesItsIndex() {
        AgentCall invalid = AgentCall.update(agent.id(), new AgentCall.Update(null,
                agent.status(new TaskId("t1"), TaskState.TASK_RUNNING)));

        HttpResponse<String> r = postAgentBatch(List.of(invalid, update("t2", TaskState.TASK_RUNNING)));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("calls[0]").contains("framework_id").doesNotContain("calls[1]");
        fw.awaitUpdate("t2", "TASK_RUNNING");
    }

    @Test
    void agentBatch_subscribeInside_refusedBeforeAnythingIsApplied() {
        HttpResponse<String> r = postAgentBatch("[" + Json.toString(update("t1", TaskState.TASK_RUNNING))
                + ",{\"type\":\"SUBSCRIBE\",\"subscribe\":{}}]");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("calls[1]").contains("UPDATE or HEARTBEAT");
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> fw.stream().events("UPDATE").isEmpty());
    }

    @Test
    void agentBatch_notAnArray_refused() {
        assertThat(postAgentBatch(Json.toString(update("t1", TaskState.TASK_RUNNING))).statusCode()).isEqualTo(400);
        assertThat(postAgentBatch("").statusCode()).isEqualTo(400);
        assertThat(postAgentBatch("null").statusCode()).isEqualTo(400);
    }

    @Test
    void agentBatch_unknownAgent_answers404SoTheAgentSubscribesAgain() {
        AgentCall stranger = AgentCall.update(new io.strata.api.mesos.AgentId("nobody"),
                update("t1", TaskState.TASK_RUNNING).update());

        assertThat(postAgentBatch(List.of(stranger)).statusCode()).isEqualTo(404);
    }

    @Test
    void schedulerBatch_acknowledgementsOfTwoUpdates_bothReachTheAgent() {
        postAgentBatch(List.of(update("t1", TaskState.TASK_RUNNING), update("t2", TaskState.TASK_RUNNING)));
        JsonNode s1 = fw.awaitUpdate("t1", "TASK_RUNNING");
        JsonNode s2 = fw.awaitUpdate("t2", "TASK_RUNNING");

        HttpResponse<String> r = postSchedulerBatch("[" + fw.envelope("ACKNOWLEDGE", ack("t1", s1)) + ","
                + fw.envelope("ACKNOWLEDGE", ack("t2", s2)) + "]", Map.of("Mesos-Stream-Id", fw.streamId()));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> agent.acknowledgements().size() == 2);
        assertThat(agent.acknowledgements()).extracting(a -> a.path("uuid").asText())
                .containsExactlyInAnyOrder(s1.path("uuid").asText(), s2.path("uuid").asText());
    }

    @Test
    void schedulerBatch_badUuidInTheMiddle_othersAppliedAndFailureNamesItsIndex() {
        postAgentBatch(List.of(update("t1", TaskState.TASK_RUNNING)));
        JsonNode s1 = fw.awaitUpdate("t1", "TASK_RUNNING");

        HttpResponse<String> r = postSchedulerBatch("[" + fw.envelope("ACKNOWLEDGE",
                "{\"agent_id\":{\"value\":\"" + agent.id().value() + "\"},\"task_id\":{\"value\":\"t2\"},"
                        + "\"uuid\":\"not-base64!\"}") + "," + fw.envelope("ACKNOWLEDGE", ack("t1", s1)) + "]",
                Map.of("Mesos-Stream-Id", fw.streamId()));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("calls[0]").contains("uuid");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> agent.acknowledgements().size() == 1);
    }

    @Test
    void schedulerBatch_withoutStreamIdOrMixingFrameworksOrSubscribing_refused() {
        String revive = fw.envelope("REVIVE", null);
        assertThat(postSchedulerBatch("[" + revive + "]", Map.of()).statusCode()).isEqualTo(400);
        String other = "{\"framework_id\":{\"value\":\"other-0001\"},\"type\":\"REVIVE\"}";
        HttpResponse<String> mixed = postSchedulerBatch("[" + revive + "," + other + "]",
                Map.of("Mesos-Stream-Id", fw.streamId()));
        assertThat(mixed.statusCode()).isEqualTo(400);
        assertThat(mixed.body()).contains("calls[1]").contains("differs");
        HttpResponse<String> subscribe = postSchedulerBatch("[" + TestScheduler.subscribeBody(TestScheduler.PLAIN)
                + "]", Map.of("Mesos-Stream-Id", fw.streamId()));
        assertThat(subscribe.statusCode()).isEqualTo(400);
        assertThat(postSchedulerBatch("[" + revive + "]", Map.of("Mesos-Stream-Id", "wrong")).statusCode())
                .isEqualTo(403);
        assertThat(postSchedulerBatch("[]", Map.of("Mesos-Stream-Id", fw.streamId())).statusCode()).isEqualTo(202);
    }

    private String ack(String taskId, JsonNode status) {
        return "{\"agent_id\":{\"value\":\"" + agent.id().value() + "\"},\"task_id\":{\"value\":\"" + taskId
                + "\"},\"uuid\":\"" + status.path("uuid").asText() + "\"}";
    }
}
