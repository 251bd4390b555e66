package io.strata.master.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.master.Master;
import io.strata.master.testkit.FakeAgent;
import io.strata.master.testkit.Http;
import io.strata.master.testkit.RecordIoStream;
import io.strata.master.testkit.TestCluster;
import io.strata.master.testkit.TestScheduler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Field names of /master/state, /master/state-summary, /metrics/snapshot and the v1 operator API. */
class StateEndpointsTest {
    private TestCluster cluster;
    private Master master;
    private FakeAgent agent;
    private TestScheduler fw;

    @BeforeEach
    void start() {
        cluster = TestCluster.start();
        master = cluster.startLeader();
        agent = FakeAgent.standard(master.url(), "a1").subscribe();
        fw = TestScheduler.subscribe(master.url(), TestScheduler.PLAIN);
        fw.launch(fw.awaitOffer(), "t1", 1.5, 256);
        fw.awaitUpdate("t1", "TASK_RUNNING");
    }

    @AfterEach
    void stop() {
        fw.close();
        agent.close();
        cluster.close();
    }

    @Test
    void state_hasMesosFieldsFlatResourcesAndTasks() {
        JsonNode state = Http.getJson(master.url() + "/master/state");
        assertThat(fieldNames(state)).contains("version", "build_date", "build_time", "build_user", "start_time",
                "elected_time", "id", "pid", "hostname", "activated_slaves", "deactivated_slaves", "leader",
                "leader_info", "flags", "slaves", "frameworks", "completed_frameworks", "orphan_tasks",
                "unregistered_frameworks");
        assertThat(state.path("pid").asText()).isEqualTo("master@127.0.0.1:" + master.port());
        assertThat(state.path("activated_slaves").asInt()).isEqualTo(1);
        JsonNode slave = state.path("slaves").get(0);
        assertThat(fieldNames(slave)).contains("id", "pid", "hostname", "registered_time", "resources",
                "used_resources", "offered_resources", "reserved_resources", "unreserved_resources", "attributes",
                "active", "version");
        assertThat(slave.path("pid").asText()).isEqualTo("slave(1)@a1:5051");
        assertThat(slave.path("resources").path("cpus").asDouble()).isEqualTo(4.0);
        assertThat(slave.path("resources").path("gpus").isNumber()).isTrue();
        assertThat(slave.path("resources").path("ports").asText()).isEqualTo("[31000-32000]");
        assertThat(slave.path("used_resources").path("cpus").asDouble()).isEqualTo(1.5);
        assertThat(slave.path("used_resources").path("disk").isNumber()).isTrue();
        assertThat(slave.path("attributes").path("rack").asText()).isEqualTo("r1");
        JsonNode framework = state.path("frameworks").get(0);
        assertThat(fieldNames(framework)).contains("id", "name", "pid", "used_resources", "offered_resources",
                "capabilities", "hostname", "webui_url", "active", "user", "failover_timeout", "checkpoint", "role",
                "registered_time", "unregistered_time", "resources", "tasks", "completed_tasks", "offers",
                "executors", "labels");
        assertThat(framework.path("used_resources").path("mem").asDouble()).isEqualTo(256.0);
        JsonNode task = framework.path("tasks").get(0);
        assertThat(fieldNames(task)).contains("id", "name", "framework_id", "executor_id", "slave_id", "state",
                "resources", "statuses");
        assertThat(task.path("slave_id").asText()).isEqualTo(agent.id().value());
        assertThat(task.path("resources").path("cpus").asDouble()).isEqualTo(1.5);
        assertThat(task.path("resources").path("gpus").isNumber()).isTrue();
        assertThat(task.path("statuses")).extracting(s -> s.path("state").asText())
                .containsExactly("TASK_STAGING", "TASK_RUNNING");
        assertThat(task.path("statuses").get(1).path("timestamp").isNumber()).isTrue();
        assertThat(Http.getJson(master.url() + "/master/state.json").path("frameworks").get(0).path("id").asText())
                .isEqualTo(fw.frameworkId());
    }

    @Test
    void stateSummary_countsTasksPerSlaveAndFramework() {
        fw.accepted("KILL", "{\"task_id\":{\"value\":\"t1\"}}");
        fw.awaitUpdate("t1", "TASK_KILLED");
        fw.launch(fw.awaitOfferAfter(1), "t2", 1, 128);
        fw.awaitUpdate("t2", "TASK_RUNNING");

        JsonNode summary = Http.getJson(master.url() + "/master/state-summary");

        assertThat(summary.path("hostname").asText()).isEqualTo("127.0.0.1");
        JsonNode slave = summary.path("slaves").get(0);
        for (String state : List.of("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING", "TASK_FINISHED",
                "TASK_KILLED", "TASK_FAILED", "TASK_LOST", "TASK_ERROR")) {
            assertThat(slave.path(state).isInt()).as(state).isTrue();
            assertThat(summary.path("frameworks").get(0).path(state).isInt()).as(state).isTrue();
        }
        assertThat(slave.path("TASK_RUNNING").asInt()).isEqualTo(1);
        assertThat(slave.path("TASK_KILLED").asInt()).isEqualTo(1);
        assertThat(slave.path("framework_ids")).extracting(JsonNode::asText).containsExactly(fw.frameworkId());
        assertThat(slave.path("resources").path("ports").asText()).isEqualTo("[31000-32000]");
        JsonNode framework = summary.path("frameworks").get(0);
        assertThat(framework.path("TASK_RUNNING").asInt()).isEqualTo(1);
        assertThat(framework.path("TASK_KILLED").asInt()).isEqualTo(1);
        assertThat(framework.path("slave_ids")).extracting(JsonNode::asText).containsExactly(agent.id().value());
        assertThat(fieldNames(framework)).contains("id", "name", "pid", "used_resources", "offered_resources",
                "capabilities", "hostname", "webui_url", "active");
    }

    @Test
    void metricsSnapshot_hasMesosKeys() {
        JsonNode m = Http.getJson(master.url() + "/metrics/snapshot");
        for (String key : List.of("master/elected", "master/uptime_secs", "master/cpus_total", "master/cpus_used",
                "master/cpus_percent", "master/mem_total", "master/mem_used", "master/mem_percent",
                "master/disk_total", "master/gpus_total", "master/slaves_active", "master/slaves_inactive",
                "master/slaves_connected", "master/slaves_disconnected", "master/frameworks_active",
                "master/frameworks_inactive", "master/frameworks_connected", "master/frameworks_disconnected",
                "master/outstanding_offers", "master/tasks_staging", "master/tasks_starting", "master/tasks_running",
                "master/tasks_finished", "master/tasks_failed", "master/tasks_killed", "master/tasks_lost",
                "master/tasks_error", "master/slave_registrations", "master/slave_reregistrations",
                "master/slave_removals", "master/valid_status_updates", "master/invalid_status_updates",
                "system/cpus_total", "system/load_1min", "allocator/mesos/allocation_runs")) {
            assertThat(m.path(key).isNumber()).as(key).isTrue();
        }
        assertThat(m.path("master/elected").asInt()).isEqualTo(1);
        assertThat(m.path("master/cpus_total").asDouble()).isEqualTo(4.0);
        assertThat(m.path("master/cpus_used").asDouble()).isEqualTo(1.5);
        assertThat(m.path("master/tasks_running").asInt()).isEqualTo(1);
        assertThat(m.path("master/slaves_active").asInt()).isEqualTo(1);
        assertThat(m.path("master/frameworks_active").asInt()).isEqualTo(1);
        assertThat(m.path("master/slave_registrations").asInt()).isEqualTo(1);
        String prometheus = Http.get(master.url() + "/metrics").body();
        assertThat(prometheus).contains("strata_master_tasks_running 1.0");
    }

    @Test
    void operatorGetState_hasV1Shape() {
        var r = Http.post(master.url() + "/api/v1", "{\"type\":\"GET_STATE\"}", java.util.Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode state = Http.json(r.body());
        assertThat(state.path("type").asText()).isEqualTo("GET_STATE");
        JsonNode get = state.path("get_state");
        JsonNode task = get.path("get_tasks").path("tasks").get(0);
        assertThat(task.path("task_id").path("value").asText()).isEqualTo("t1");
        assertThat(task.path("agent_id").path("value").asText()).isEqualTo(agent.id().value());
        assertThat(task.path("state").asText()).isEqualTo("TASK_RUNNING");
        assertThat(task.path("resources").get(0).path("name").isTextual()).isTrue();
        assertThat(get.path("get_frameworks").path("frameworks").get(0).path("framework_info").path("id")
                .path("value").asText()).isEqualTo(fw.frameworkId());
        JsonNode a = get.path("get_agents").path("agents").get(0);
        assertThat(a.path("agent_info").path("id").path("value").asText()).isEqualTo(agent.id().value());
        assertThat(a.path("active").asBoolean()).isTrue();
        assertThat(a.path("registered_time").path("nanoseconds").asLong()).isPositive();
        assertThat(get.path("get_executors").path("executors").isArray()).isTrue();
    }

    @Test
    void operatorSubscribe_streamsSubscribedThenEventsAsThingsHappen() {
        try (RecordIoStream events = RecordIoStream.open(master.url() + "/api/v1", "{\"type\":\"SUBSCRIBE\"}")) {
            assertThat(events.status()).isEqualTo(200);
            JsonNode subscribed = events.await("SUBSCRIBED");
            assertThat(events.events().get(0).path("type").asText()).isEqualTo("SUBSCRIBED");
            assertThat(subscribed.path("subscribed").path("get_state").path("get_tasks").path("tasks").get(0)
                    .path("task_id").path("value").asText()).isEqualTo("t1");

            try (TestScheduler other = TestScheduler.subscribe(master.url(), TestScheduler.PLAIN)) {
                JsonNode added = events.await("FRAMEWORK_ADDED");
                assertThat(added.path("framework_added").path("framework").path("framework_info").path("id")
                        .path("value").asText()).isEqualTo(other.frameworkId());
                // fw holds a1's offer; DRF gives the new agent to the framework with the lower share
                FakeAgent second = FakeAgent.standard(master.url(), "a2").subscribe();
                JsonNode agentAdded = events.await("AGENT_ADDED");
                assertThat(agentAdded.path("agent_added").path("agent").path("agent_info").path("id").path("value")
                        .asText()).isEqualTo(second.id().value());
                other.launch(other.awaitOffer(), "o1", 1, 64);
                JsonNode taskAdded = events.await("TASK_ADDED");
                assertThat(taskAdded.path("task_added").path("task").path("task_id").path("value").asText())
                        .isEqualTo("o1");
                JsonNode updated = events.await("TASK_UPDATED", e -> e.path("task_updated").path("state").asText()
                        .equals("TASK_RUNNING"));
                assertThat(updated.path("task_updated").path("status").path("task_id").path("value").asText())
                        .isEqualTo("o1");
                assertThat(updated.path("task_updated").path("framework_id").path("value").asText())
                        .isEqualTo(other.frameworkId());
                second.close();
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
