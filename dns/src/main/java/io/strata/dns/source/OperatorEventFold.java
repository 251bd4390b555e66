package io.strata.dns.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.dns.records.ClusterState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the master's v1 operator API events ({@code POST /api/v1 {"type":"SUBSCRIBE"}}) into a
 * {@link ClusterState}: SUBSCRIBED replaces everything with its {@code get_state}; TASK_ADDED, TASK_UPDATED,
 * AGENT_ADDED, AGENT_REMOVED, FRAMEWORK_ADDED, FRAMEWORK_UPDATED and FRAMEWORK_REMOVED apply one change;
 * HEARTBEAT and unknown types change nothing. Pure; malformed parts of an event are skipped, never thrown.
 */
public final class OperatorEventFold {
    /** States after which a task never runs again (it leaves the state). */
    static final Set<String> TERMINAL = Set.of("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_LOST",
            "TASK_ERROR", "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR");
    private static final String NETINFO = "netinfo";
    private static final Map<String, String> LABEL_SOURCES = Map.of(
            "mesos", "MesosContainerizer.NetworkSettings.IPAddress",
            "docker", "Docker.NetworkSettings.IPAddress");

    private OperatorEventFold() {
    }

    /** The state after one event. */
    public static ClusterState apply(ClusterState state, JsonNode event) {
        String type = event.path("type").asText("");
        return switch (type) {
            case "SUBSCRIBED" -> subscribed(state, event.path("subscribed").path("get_state"));
            case "TASK_ADDED" -> addTask(state, event.path("task_added").path("task"));
            case "TASK_UPDATED" -> updateTask(state, event.path("task_updated"));
            case "AGENT_ADDED" -> agent(event.path("agent_added").path("agent"))
                    .map(state::withAgent).orElse(state);
            case "AGENT_REMOVED" -> state.withoutAgent(value(event.path("agent_removed").path("agent_id")));
            case "FRAMEWORK_ADDED", "FRAMEWORK_UPDATED" -> framework(event.path(type.toLowerCase(java.util.Locale.ROOT))
                    .path("framework").path("framework_info")).map(state::withFramework).orElse(state);
            case "FRAMEWORK_REMOVED" -> state.withoutFramework(
                    value(event.path("framework_removed").path("framework_info").path("id")));
            default -> state;
        };
    }

    private static ClusterState subscribed(ClusterState state, JsonNode getState) {
        ClusterState s = ClusterState.EMPTY.withLeader(state.leader());
        for (JsonNode a : getState.path("get_agents").path("agents")) {
            s = agent(a).map(s::withAgent).orElse(s);
        }
        for (JsonNode f : getState.path("get_frameworks").path("frameworks")) {
            s = framework(f.path("framework_info")).map(s::withFramework).orElse(s);
        }
        for (JsonNode t : getState.path("get_tasks").path("tasks")) {
            s = addTask(s, t);
        }
        return s;
    }

    private static ClusterState addTask(ClusterState state, JsonNode t) {
        String id = value(t.path("task_id"));
        String frameworkId = value(t.path("framework_id"));
        String agentId = value(t.path("agent_id"));
        String taskState = t.path("state").asText("");
        if (id.isEmpty() || frameworkId.isEmpty() || agentId.isEmpty() || taskState.isEmpty()) {
            return state;
        }
        if (TERMINAL.contains(taskState)) {
            return state;
        }
        JsonNode statuses = t.path("statuses");
        Map<String, List<String>> ips = statuses.isArray() && !statuses.isEmpty()
                ? ips(statuses.get(statuses.size() - 1)) : Map.of();
        return state.withTask(new ClusterState.Task(id, t.path("name").asText(id), frameworkId, agentId, taskState,
                ports(t.path("resources")), discovery(t.path("discovery")), ips));
    }

    private static ClusterState updateTask(ClusterState state, JsonNode update) {
        JsonNode status = update.path("status");
        String key = value(update.path("framework_id")) + " " + value(status.path("task_id"));
        ClusterState.Task task = state.tasks().get(key);
        String newState = update.path("state").asText(status.path("state").asText(""));
        if (task == null || newState.isEmpty()) {
            return state;
        }
        if (TERMINAL.contains(newState)) {
            return state.withoutTask(key);
        }
        Map<String, List<String>> ips = ips(status);
        return state.withTask(task.withStatus(newState, ips.isEmpty() ? task.statusIps() : ips));
    }

    private static java.util.Optional<ClusterState.Agent> agent(JsonNode agent) {
        JsonNode info = agent.path("agent_info");
        String id = value(info.path("id"));
        String hostname = info.path("hostname").asText("");
        if (id.isEmpty() || hostname.isEmpty()) {
            return java.util.Optional.empty();
        }
        String pid = agent.path("pid").asText("");
        String pidIp = null;
        int at = pid.indexOf('@');
        int colon = pid.lastIndexOf(':');
        if (at >= 0 && colon > at) {
            pidIp = pid.substring(at + 1, colon);
        }
        return java.util.Optional.of(new ClusterState.Agent(id, hostname, info.path("port").asInt(0), pidIp));
    }

    private static java.util.Optional<ClusterState.Framework> framework(JsonNode info) {
        String id = value(info.path("id"));
        String name = info.path("name").asText("");
        if (id.isEmpty() || name.isEmpty()) {
            return java.util.Optional.empty();
        }
        String host = info.path("hostname").asText("");
        return java.util.Optional.of(new ClusterState.Framework(id, name, host.isEmpty() ? null : host));
    }

    /** Every port of the task's {@code ports} resources, ranges expanded (at most 1,000 per task). */
    static List<Long> ports(JsonNode resources) {
        List<Long> out = new ArrayList<>();
        for (JsonNode r : resources) {
            if (!r.path("name").asText("").equals("ports")) {
                continue;
            }
            for (JsonNode range : r.path("ranges").path("range")) {
                long begin = range.path("begin").asLong(-1);
                long end = range.path("end").asLong(-1);
                for (long p = Math.max(begin, 0); p <= end && p <= 65_535 && out.size() < 1_000; p++) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static ClusterState.Discovery discovery(JsonNode d) {
        if (!d.isObject()) {
            return null;
        }
        List<ClusterState.DiscoveryPort> ports = new ArrayList<>();
        for (JsonNode p : d.path("ports").path("ports")) {
            int number = p.path("number").asInt(-1);
            if (number >= 0 && number <= 65_535) {
                ports.add(new ClusterState.DiscoveryPort(number, text(p.path("name")), text(p.path("protocol"))));
            }
        }
        return new ClusterState.Discovery(text(d.path("name")), ports);
    }

    /** A status's addresses by IP source: netinfo (container_status), mesos and docker (status labels). */
    static Map<String, List<String>> ips(JsonNode status) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> netinfo = new ArrayList<>();
        for (JsonNode n : status.path("container_status").path("network_infos")) {
            for (JsonNode a : n.path("ip_addresses")) {
                String ip = a.path("ip_address").asText("");
                if (!ip.isEmpty()) {
                    netinfo.add(ip);
                }
            }
        }
        if (!netinfo.isEmpty()) {
            out.put(NETINFO, netinfo);
        }
        for (JsonNode label : status.path("labels").path("labels")) {
            LABEL_SOURCES.forEach((source, key) -> {
                if (key.equals(label.path("key").asText()) && !label.path("value").asText("").isEmpty()) {
                    out.put(source, List.of(label.path("value").asText()));
                }
            });
        }
        return out;
    }

    private static String value(JsonNode id) {
        return id.path("value").asText("");
    }

    private static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }
}
