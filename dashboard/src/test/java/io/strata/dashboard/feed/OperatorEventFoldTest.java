package io.strata.dashboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorEventFoldTest {
    private static final String SUBSCRIBED = """
            {"type":"SUBSCRIBED","subscribed":{"heartbeat_interval_seconds":15,"get_state":{
              "get_agents":{"agents":[{"agent_info":{"id":{"value":"A1"},"hostname":"h1"}}]},
              "get_frameworks":{"frameworks":[{"framework_info":{"id":{"value":"F1"},"name":"marathon"}}]},
              "get_tasks":{"tasks":[{"task_id":{"value":"t1"},"framework_id":{"value":"F1"},"state":"TASK_RUNNING"}],
                "unreachable_tasks":[],
                "completed_tasks":[{"task_id":{"value":"t0"},"framework_id":{"value":"F1"},"state":"TASK_FAILED"}]}}}}
            """;

    private static JsonNode json(String text) {
        try {
            return Json.mesos().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ClusterSummary subscribed() {
        return OperatorEventFold.apply(ClusterSummary.EMPTY, json(SUBSCRIBED));
    }

    @Test
    void apply_subscribed_replacesEverythingWithTheSnapshot() {
        ClusterSummary before = OperatorEventFold.apply(ClusterSummary.EMPTY, json("""
                {"type":"AGENT_ADDED","agent_added":{"agent":{"agent_info":{"id":{"value":"OLD"},"hostname":"x"}}}}
                """));
        ClusterSummary s = OperatorEventFold.apply(before, json(SUBSCRIBED));
        assertThat(s.agents()).isEqualTo(Map.of("A1", "h1"));
        assertThat(s.frameworks()).isEqualTo(Map.of("F1", "marathon"));
        assertThat(s.taskCounts()).isEqualTo(Map.of("TASK_RUNNING", 1L, "TASK_FAILED", 1L));
    }

    @Test
    void apply_taskAddedThenUpdated_movesTheCountBetweenStates() {
        ClusterSummary added = OperatorEventFold.apply(subscribed(), json("""
                {"type":"TASK_ADDED","task_added":{"task":{"task_id":{"value":"t2"},"framework_id":{"value":"F1"},
                 "state":"TASK_STAGING"}}}"""));
        assertThat(added.taskCounts()).containsEntry("TASK_STAGING", 1L).containsEntry("TASK_RUNNING", 1L);
        ClusterSummary running = OperatorEventFold.apply(added, json("""
                {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"F1"},"state":"TASK_RUNNING",
                 "status":{"task_id":{"value":"t2"},"state":"TASK_RUNNING"}}}"""));
        assertThat(running.taskCounts()).doesNotContainKey("TASK_STAGING").containsEntry("TASK_RUNNING", 2L);
    }

    @Test
    void apply_sameTaskIdInTwoFrameworks_countsTwoTasks() {
        ClusterSummary s = OperatorEventFold.apply(subscribed(), json("""
                {"type":"TASK_ADDED","task_added":{"task":{"task_id":{"value":"t1"},"framework_id":{"value":"F2"},
                 "state":"TASK_STAGING"}}}"""));
        assertThat(s.tasks()).hasSize(3);
    }

    @Test
    void apply_agentAddedAndRemoved_maintainsAgents() {
        ClusterSummary added = OperatorEventFold.apply(subscribed(), json("""
                {"type":"AGENT_ADDED","agent_added":{"agent":{"agent_info":{"id":{"value":"A2"},"hostname":"h2"}}}}
                """));
        assertThat(added.agents()).containsOnlyKeys("A1", "A2");
        ClusterSummary removed = OperatorEventFold.apply(added, json("""
                {"type":"AGENT_REMOVED","agent_removed":{"agent_id":{"value":"A1"}}}"""));
        assertThat(removed.agents()).containsOnlyKeys("A2");
    }

    @Test
    void apply_frameworkAddedUpdatedRemoved_maintainsFrameworksAndKeepsTheirTasks() {
        ClusterSummary added = OperatorEventFold.apply(subscribed(), json("""
                {"type":"FRAMEWORK_ADDED","framework_added":{"framework":{"framework_info":{"id":{"value":"F2"},
                 "name":"jobs"}}}}"""));
        ClusterSummary renamed = OperatorEventFold.apply(added, json("""
                {"type":"FRAMEWORK_UPDATED","framework_updated":{"framework":{"framework_info":{"id":{"value":"F2"},
                 "name":"chronos"}}}}"""));
        assertThat(renamed.frameworks()).containsEntry("F2", "chronos");
        ClusterSummary removed = OperatorEventFold.apply(renamed, json("""
                {"type":"FRAMEWORK_REMOVED","framework_removed":{"framework_info":{"id":{"value":"F1"}}}}"""));
        assertThat(removed.frameworks()).containsOnlyKeys("F2");
        assertThat(removed.tasks()).hasSize(2);
    }

    @Test
    void apply_heartbeatOrUnknownOrIncomplete_returnsTheSameInstance() {
        ClusterSummary s = subscribed();
        assertThat(OperatorEventFold.apply(s, json("{\"type\":\"HEARTBEAT\"}"))).isSameAs(s);
        assertThat(OperatorEventFold.apply(s, json("{\"type\":\"SOMETHING_NEW\"}"))).isSameAs(s);
        assertThat(OperatorEventFold.apply(s, json("{\"type\":\"TASK_UPDATED\",\"task_updated\":{}}"))).isSameAs(s);
        assertThat(OperatorEventFold.apply(s, json("{\"type\":\"AGENT_REMOVED\",\"agent_removed\":"
                + "{\"agent_id\":{\"value\":\"nope\"}}}"))).isSameAs(s);
        assertThat(OperatorEventFold.apply(s, json("{}"))).isSameAs(s);
    }

    @Test
    void apply_keepsTheConnectionFields() {
        ClusterSummary connected = ClusterSummary.EMPTY.withConnection("http://m:5050");
        ClusterSummary s = OperatorEventFold.apply(connected, json(SUBSCRIBED));
        assertThat(s.connected()).isTrue();
        assertThat(s.leader()).isEqualTo("http://m:5050");
        assertThat(s.withConnection("").connected()).isFalse();
    }

    @Test
    void toView_countsOnly() {
        Map<String, Object> view = subscribed().toView();
        assertThat(view).containsEntry("agents", 1).containsEntry("frameworks", 1)
                .containsEntry("tasks", Map.of("TASK_FAILED", 1L, "TASK_RUNNING", 1L));
    }
}
