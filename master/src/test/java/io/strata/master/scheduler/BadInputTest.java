package io.strata.master.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.agent.AgentCall;
import io.strata.api.json.Json;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskState;
import io.strata.master.Master;
import io.strata.master.testkit.FakeAgent;
import io.strata.master.testkit.Http;
import io.strata.master.testkit.RecordIoStream;
import io.strata.master.testkit.TestCluster;
import io.strata.master.testkit.TestScheduler;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Invalid requests: each gets the right status (never 500), a message naming the field, and leaves the
 * master's state as it was (the essentials of /master/state compared before and after).
 */
class BadInputTest {
    private TestCluster cluster;
    private Master master;
    private FakeAgent agent;
    private TestScheduler fw;
    private String offerId;

    @BeforeEach
    void start() {
        cluster = TestCluster.start();
        master = cluster.startLeader(c -> c.withOfferTimeout(Duration.ZERO));
        agent = FakeAgent.standard(master.url(), "a1").subscribe();
        fw = TestScheduler.subscribe(master.url(), TestScheduler.PARTITION_AWARE);
        offerId = fw.awaitOffer().path("id").path("value").asText();
    }

    @AfterEach
    void stop() {
        fw.close();
        agent.close();
        cluster.close();
    }

    @Test
    void scheduler_malformedJson_is400() {
        HttpResponse<String> r = unchanged(() -> fw.post("{\"type\":", Map.of("Mesos-Stream-Id", fw.streamId())));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Malformed JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "\"ACCEPT\"", "42", ""})
    void scheduler_bodyNotAnObject_is400(String body) {
        HttpResponse<String> r = unchanged(() -> fw.post(body, Map.of("Mesos-Stream-Id", fw.streamId())));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isNotBlank();
    }

    @Test
    void scheduler_unknownCallType_is400NamingType() {
        HttpResponse<String> r = unchanged(() -> fw.call("FROBNICATE", null));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("'type'");
    }

    @Test
    void scheduler_missingFrameworkId_is400NamingIt() {
        HttpResponse<String> r = unchanged(() -> fw.post("{\"type\":\"REVIVE\"}", Map.of("Mesos-Stream-Id", fw.streamId())));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("framework_id");
    }

    @Test
    void scheduler_withoutStreamId_is400NamingTheHeader() {
        HttpResponse<String> r = unchanged(() -> fw.post(fw.envelope("REVIVE", null), Map.of()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Mesos-Stream-Id");
    }

    @Test
    void scheduler_wrongStreamId_is403() {
        HttpResponse<String> r = unchanged(() -> fw.post(fw.envelope("REVIVE", null),
                Map.of("Mesos-Stream-Id", "not-the-stream")));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("stream ID");
    }

    @Test
    void scheduler_frameworkNotSubscribed_is403() {
        HttpResponse<String> r = unchanged(() -> fw.post(
                "{\"framework_id\":{\"value\":\"nobody-0000\"},\"type\":\"REVIVE\"}",
                Map.of("Mesos-Stream-Id", fw.streamId())));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("nobody-0000");
    }

    @Test
    void accept_unknownOffer_is202AndDropsTasksWithInvalidOffers() {
        HttpResponse<String> r = unchangedExceptOffers(() -> fw.call("ACCEPT",
                TestScheduler.acceptBody("no-such-offer", TestScheduler.task("t1", 1, 64))));
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode dropped = fw.awaitUpdate("t1", "TASK_DROPPED");
        assertThat(dropped.path("reason").asText()).isEqualTo("REASON_INVALID_OFFERS");
        assertThat(dropped.path("message").asText()).contains("no-such-offer");
        assertThat(agent.events("RUN_TASK")).isEmpty();
    }

    @Test
    void accept_unknownOfferByPlainFramework_answersTaskLost() {
        fw.close();
        fw = TestScheduler.subscribe(master.url(), TestScheduler.PLAIN);
        fw.accepted("ACCEPT", TestScheduler.acceptBody("no-such-offer", TestScheduler.task("t1", 1, 64)));
        assertThat(fw.awaitUpdate("t1", "TASK_LOST").path("reason").asText()).isEqualTo("REASON_INVALID_OFFERS");
    }

    @Test
    void accept_usedOffer_dropsTheSecondLaunch() {
        fw.accepted("ACCEPT", TestScheduler.acceptBody(offerId, TestScheduler.task("t1", 1, 64)));
        fw.awaitUpdate("t1", "TASK_RUNNING");

        HttpResponse<String> r = unchangedExceptOffers(() -> fw.call("ACCEPT",
                TestScheduler.acceptBody(offerId, TestScheduler.task("t2", 1, 64))));

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(fw.awaitUpdate("t2", "TASK_DROPPED").path("reason").asText()).isEqualTo("REASON_INVALID_OFFERS");
    }

    @ParameterizedTest(name = "cpus {0}")
    @ValueSource(strings = {"-1", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e400"})
    void launch_badScalar_isTaskErrorNamingTheResource(String cpus) {
        HttpResponse<String> r = unchangedExceptOffers(() -> fw.call("ACCEPT",
                TestScheduler.acceptBody(offerId, TestScheduler.task("t1", cpus, "64"))));
        assertThat(r.statusCode()).isIn(202, 400);
        if (r.statusCode() == 202) {
            JsonNode error = fw.awaitUpdate("t1", "TASK_ERROR");
            assertThat(error.path("reason").asText()).isEqualTo("REASON_TASK_INVALID");
            assertThat(error.path("message").asText()).contains("cpus");
        } else {
            assertThat(r.body()).contains("scalar");
        }
        assertThat(agent.events("RUN_TASK")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cpus beyond the offer|{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":64}}",
        "gpus the agent lacks|{\"name\":\"gpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1}}",
        "ports outside the offer|{\"name\":\"ports\",\"type\":\"RANGES\",\"ranges\":{\"range\":[{\"begin\":80,\"end\":80}]}}",
        "reserved for another role|{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1},\"role\":\"ads\"}"})
    void launch_resourcesNotInOffer_isTaskError(String why, String resource) {
        String task = "{\"name\":\"t1\",\"task_id\":{\"value\":\"t1\"},\"resources\":[" + resource + ","
                + "{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":64}}],\"command\":{\"value\":\"true\"}}";
        HttpResponse<String> r = unchangedExceptOffers(() -> fw.call("ACCEPT", TestScheduler.acceptBody(offerId, task)));
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode error = fw.awaitUpdate("t1", "TASK_ERROR");
        assertThat(error.path("reason").asText()).isEqualTo("REASON_TASK_INVALID");
        assertThat(agent.events("RUN_TASK")).isEmpty();
    }

    @Test
    void launch_missingTaskId_is400NamingIt() {
        String task = "{\"name\":\"t1\",\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1}}],"
                + "\"command\":{\"value\":\"true\"}}";
        HttpResponse<String> r = unchanged(() -> fw.call("ACCEPT", TestScheduler.acceptBody(offerId, task)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("task_infos[0].task_id");
    }

    @Test
    void launch_nullTaskInfo_is400() {
        HttpResponse<String> r = unchanged(() -> fw.call("ACCEPT", "{\"offer_ids\":[{\"value\":\"" + offerId
                + "\"}],\"operations\":[{\"type\":\"LAUNCH\",\"launch\":{\"task_infos\":[null]}}]}"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("task_infos[0]");
    }

    @Test
    void launch_duplicateTaskIdInOneAccept_launchesFirstAndErrorsSecond() {
        fw.accepted("ACCEPT", TestScheduler.acceptBody(offerId, TestScheduler.task("t1", 1, 64),
                TestScheduler.task("t1", 1, 64)));
        JsonNode error = fw.awaitUpdate("t1", "TASK_ERROR");
        assertThat(error.path("reason").asText()).isEqualTo("REASON_TASK_INVALID");
        assertThat(error.path("message").asText()).contains("duplicate");
        fw.awaitUpdate("t1", "TASK_RUNNING");
        assertThat(agent.events("RUN_TASK")).hasSize(1);
    }

    @Test
    void launch_duplicateOfRunningTask_isTaskErrorAndKeepsTheRunningOne() {
        fw.accepted("ACCEPT", TestScheduler.acceptBody(offerId, TestScheduler.task("t1", 1, 64)));
        fw.awaitUpdate("t1", "TASK_RUNNING");
        String second = fw.awaitOfferAfter(1).path("id").path("value").asText();

        HttpResponse<String> r = unchangedExceptOffers(() -> fw.call("ACCEPT",
                TestScheduler.acceptBody(second, TestScheduler.task("t1", 1, 64))));

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(fw.awaitUpdate("t1", "TASK_ERROR").path("message").asText()).contains("duplicate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RESERVE", "UNRESERVE", "CREATE", "DESTROY", "NO_SUCH_OPERATION"})
    void accept_unsupportedOperation_is400NamingIt(String type) {
        HttpResponse<String> r = unchanged(() -> fw.call("ACCEPT", "{\"offer_ids\":[{\"value\":\"" + offerId
                + "\"}],\"operations\":[{\"type\":\"" + type + "\"}]}"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("operations[0].type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-bad", "a/b", ".", "..", "with space"})
    void subscribe_invalidRole_is400NamingTheField(String role) {
        JsonNode before = essentials(false);
        RecordIoStream s = RecordIoStream.open(master.url() + "/api/v1/scheduler", TestScheduler.subscribeBody(
                "{\"user\":\"root\",\"name\":\"x\",\"role\":\"" + role + "\"}"));
        assertThat(s.status()).isEqualTo(400);
        assertThat(s.errorBody()).contains("framework_info.role");
        assertThat(essentials(false)).isEqualTo(before);
    }

    @Test
    void agent_subscribeWithNegativeResources_is400NamingTheResource() {
        JsonNode before = essentials(false);
        String call = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"agent_info\":{\"hostname\":\"bad\",\"port\":5051,"
                + "\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":-4}}]}}}";
        RecordIoStream s = RecordIoStream.open(master.url() + "/api/v1/agent", call);
        assertThat(s.status()).isEqualTo(400);
        assertThat(s.errorBody()).contains("resources[0]").contains("cpus");
        assertThat(essentials(false)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "{\"type\":\"SUBSCRIBE\"}", "{\"type\":\"NOPE\"}", "{\"type\":"})
    void agent_malformedCall_is400(String body) {
        HttpResponse<String> r = unchanged(() -> Http.post(master.url() + "/api/v1/agent", body, Map.of()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isNotBlank();
    }

    @Test
    void agent_updateFromUnknownAgent_is404() {
        AgentCall call = AgentCall.update(new AgentId("ghost-S9"), new AgentCall.Update(new FrameworkId(fw.frameworkId()),
                agent.status(new TaskId("t1"), TaskState.TASK_RUNNING)));
        HttpResponse<String> r = unchanged(() -> Http.post(master.url() + "/api/v1/agent", Json.toString(call), Map.of()));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("ghost-S9");
    }

    @Test
    void agent_heartbeatFromUnknownAgent_is404() {
        HttpResponse<String> r = unchanged(() -> Http.post(master.url() + "/api/v1/agent",
                Json.toString(AgentCall.heartbeat(new AgentId("ghost-S9"))), Map.of()));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("ghost-S9");
    }

    @ParameterizedTest
    @CsvSource({"limit=-1,limit", "limit=abc,limit", "offset=-5,offset", "offset=1.5,offset", "order=sideways,order"})
    void tasks_badQueryParameter_is400NamingIt(String query, String name) {
        HttpResponse<String> r = unchanged(() -> Http.get(master.url() + "/master/tasks?" + query));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("'" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/scheduler", "/api/v1/agent", "/api/v1"})
    void api_protobufContentType_is415(String path) {
        HttpResponse<String> r = unchanged(() -> Http.post(master.url() + path, "\u0008\u0001",
                "application/x-protobuf", Map.of()));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).contains("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":", "null", "{}", "{\"type\":\"NOPE\"}", "{\"type\":\"KILL_TASK\"}"})
    void operator_badCall_is400(String body) {
        HttpResponse<String> r = unchanged(() -> Http.post(master.url() + "/api/v1", body, Map.of()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isNotBlank();
    }

    @Test
    void acknowledge_badUuid_is400NamingIt() {
        HttpResponse<String> r = unchanged(() -> fw.call("ACKNOWLEDGE", "{\"agent_id\":{\"value\":\""
                + agent.id().value() + "\"},\"task_id\":{\"value\":\"t1\"},\"uuid\":\"AAAA\"}"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("acknowledge.uuid");
        assertThat(agent.acknowledgements()).isEmpty();
    }

    @Test
    void decline_negativeRefuseSeconds_is400NamingIt() {
        HttpResponse<String> r = unchanged(() -> fw.call("DECLINE", "{\"offer_ids\":[{\"value\":\"" + offerId
                + "\"}],\"filters\":{\"refuse_seconds\":-1}}"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("refuse_seconds");
    }

    /** Runs a request and asserts that the essentials of the state, offers included, did not change. */
    private <T> T unchanged(Supplier<T> request) {
        JsonNode before = essentials(true);
        T result = request.get();
        assertThat(essentials(true)).isEqualTo(before);
        return result;
    }

    /** As {@link #unchanged} but ignoring offers, which an ACCEPT consumes whatever happens to its tasks. */
    private <T> T unchangedExceptOffers(Supplier<T> request) {
        JsonNode before = essentials(false);
        T result = request.get();
        assertThat(essentials(false)).isEqualTo(before);
        return result;
    }

    /** Agents, frameworks and their tasks from /master/state, without timestamps of the request itself. */
    private JsonNode essentials(boolean withOffers) {
        JsonNode state = Http.getJson(master.url() + "/master/state");
        ObjectNode out = Json.mesos().createObjectNode();
        ArrayNode slaves = out.putArray("slaves");
        for (JsonNode s : state.path("slaves")) {
            ObjectNode n = slaves.addObject();
            n.set("id", s.path("id"));
            n.set("resources", s.path("resources"));
            n.set("used_resources", s.path("used_resources"));
            n.set("active", s.path("active"));
            if (withOffers) {
                n.set("offered_resources", s.path("offered_resources"));
            }
        }
        ArrayNode frameworks = out.putArray("frameworks");
        for (JsonNode f : state.path("frameworks")) {
            ObjectNode n = frameworks.addObject();
            for (String field : new String[] {"id", "name", "role", "active", "used_resources", "tasks",
                "completed_tasks"}) {
                n.set(field, f.path(field));
            }
            if (withOffers) {
                n.set("offers", f.path("offers"));
            }
        }
        out.set("completed_frameworks", state.path("completed_frameworks"));
        return out;
    }
}
