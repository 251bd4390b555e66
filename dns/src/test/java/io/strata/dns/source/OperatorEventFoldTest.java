package io.strata.dns.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.dns.records.ClusterState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorEventFoldTest {
    private static final String AGENT = """
            {"agent_info":{"id":{"value":"M-S0"},"hostname":"127.0.0.1","port":5051},"pid":"slave(1)@127.0.0.1:5051"}""";
    private static final String FRAMEWORK = """
            {"framework_info":{"id":{"value":"M-0000"},"name":"marathon","hostname":"sched.local"}}""";
    private static final String TASK = """
            {"name":"web","task_id":{"value":"web.1"},"framework_id":{"value":"M-0000"},"agent_id":{"value":"M-S0"},
             "state":"TASK_STAGING","statuses":[],
             "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.1}},
                          {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":31001},{"begin":31005,"end":31005}]}}],
             "discovery":{"visibility":"FRAMEWORK","name":"webdisc","ports":{"ports":[{"number":80,"name":"http","protocol":"tcp"}]}}}""";

    private static JsonNode json(String text) {
        return Json.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), JsonNode.class);
    }

    private static ClusterState subscribed() {
        return OperatorEventFold.apply(ClusterState.EMPTY, json("""
                {"type":"SUBSCRIBED","subscribed":{"get_state":{
                  "get_tasks":{"tasks":[%s]},"get_frameworks":{"frameworks":[%s]},"get_agents":{"agents":[%s]}},
                 "heartbeat_interval_seconds":15}}""".formatted(TASK, FRAMEWORK, AGENT)));
    }

    @Test
    void apply_subscribed_wholeStateReplaced() {
        ClusterState s = subscribed();

        assertThat(s.agents()).containsOnlyKeys("M-S0");
        assertThat(s.agents().get("M-S0").pidIp()).isEqualTo("127.0.0.1");
        assertThat(s.frameworks().get("M-0000").hostname()).isEqualTo("sched.local");
        ClusterState.Task t = s.tasks().get("M-0000 web.1");
        assertThat(t.ports()).containsExactly(31000L, 31001L, 31005L);
        assertThat(t.discovery().name()).isEqualTo("webdisc");
        assertThat(t.discovery().ports()).containsExactly(new ClusterState.DiscoveryPort(80, "http", "tcp"));
    }

    @Test
    void apply_taskUpdatedRunningWithNetinfo_stateAndIpsKept() {
        ClusterState s = OperatorEventFold.apply(subscribed(), json("""
                {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"M-0000"},"state":"TASK_RUNNING",
                 "status":{"task_id":{"value":"web.1"},"state":"TASK_RUNNING","container_status":{"network_infos":
                 [{"ip_addresses":[{"ip_address":"127.17.0.2"}]}]},
                 "labels":{"labels":[{"key":"Docker.NetworkSettings.IPAddress","value":"127.18.0.9"}]}}}}"""));

        ClusterState.Task t = s.tasks().get("M-0000 web.1");
        assertThat(t.state()).isEqualTo("TASK_RUNNING");
        assertThat(t.statusIps()).isEqualTo(Map.of("netinfo", List.of("127.17.0.2"), "docker", List.of("127.18.0.9")));
    }

    @Test
    void apply_taskUpdatedTerminal_taskRemoved() {
        ClusterState s = OperatorEventFold.apply(subscribed(), json("""
                {"type":"TASK_UPDATED","task_updated":{"framework_id":{"value":"M-0000"},"state":"TASK_FINISHED",
                 "status":{"task_id":{"value":"web.1"},"state":"TASK_FINISHED"}}}"""));

        assertThat(s.tasks()).isEmpty();
    }

    @Test
    void apply_agentAndFrameworkEvents_addedAndRemoved() {
        ClusterState s = OperatorEventFold.apply(ClusterState.EMPTY, json("{\"type\":\"AGENT_ADDED\",\"agent_added\":{\"agent\":" + AGENT + "}}"));
        s = OperatorEventFold.apply(s, json("{\"type\":\"FRAMEWORK_ADDED\",\"framework_added\":{\"framework\":" + FRAMEWORK + "}}"));
        assertThat(s.agents()).containsOnlyKeys("M-S0");
        assertThat(s.frameworks()).containsOnlyKeys("M-0000");

        s = OperatorEventFold.apply(s, json("{\"type\":\"AGENT_REMOVED\",\"agent_removed\":{\"agent_id\":{\"value\":\"M-S0\"}}}"));
        s = OperatorEventFold.apply(s, json("{\"type\":\"FRAMEWORK_REMOVED\",\"framework_removed\":" + FRAMEWORK + "}"));
        assertThat(s.agents()).isEmpty();
        assertThat(s.frameworks()).isEmpty();
    }

    @Test
    void apply_heartbeatOrMalformed_sameState() {
        ClusterState before = subscribed();

        assertThat(OperatorEventFold.apply(before, json("{\"type\":\"HEARTBEAT\"}"))).isSameAs(before);
        assertThat(OperatorEventFold.apply(before, json("{\"type\":\"TASK_ADDED\",\"task_added\":{\"task\":{}}}")))
                .isSameAs(before);
        assertThat(OperatorEventFold.apply(before, json("{\"type\":\"TASK_UPDATED\",\"task_updated\":{}}")))
                .isSameAs(before);
    }
}
