package io.strata.dashboard.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Folds one event of the master's v1 operator stream into a {@link ClusterSummary}: a pure function, no I/O.
 *
 * <p>SUBSCRIBED replaces everything with its {@code get_state}; TASK_ADDED and TASK_UPDATED set a task's state;
 * AGENT_ADDED/AGENT_REMOVED and FRAMEWORK_ADDED/UPDATED/REMOVED maintain the agent and framework maps (a removed
 * framework's tasks stay: the master keeps them as completed). HEARTBEAT and unknown types return the summary
 * unchanged (the same instance), so callers can skip publishing when nothing changed.
 */
public final class OperatorEventFold {
    private OperatorEventFold() {
    }

    /** The summary after {@code event}; {@code before} itself when the event changes nothing. */
    public static ClusterSummary apply(ClusterSummary before, JsonNode event) {
        String type = event.path("type").asText("");
        return switch (type) {
            case "SUBSCRIBED" -> subscribed(before, event.path("subscribed").path("get_state"));
            case "TASK_ADDED" -> withTask(before, event.path("task_added").path("task"));
            case "TASK_UPDATED" -> taskUpdated(before, event.path("task_updated"));
            case "AGENT_ADDED" -> agentAdded(before, event.path("agent_added").path("agent"));
            case "AGENT_REMOVED" -> agentRemoved(before, event.path("agent_removed").path("agent_id").path("value")
                    .asText(""));
            case "FRAMEWORK_ADDED" -> frameworkAdded(before, event.path("framework_added").path("framework"));
            case "FRAMEWORK_UPDATED" -> frameworkAdded(before, event.path("framework_updated").path("framework"));
            case "FRAMEWORK_REMOVED" -> frameworkRemoved(before, event.path("framework_removed")
                    .path("framework_info").path("id").path("value").asText(""));
            default -> before;
        };
    }

    private static ClusterSummary subscribed(ClusterSummary before, JsonNode state) {
        Map<String, String> agents = new LinkedHashMap<>();
        for (JsonNode agent : state.path("get_agents").path("agents")) {
            putAgent(agents, agent);
        }
        Map<String, String> frameworks = new LinkedHashMap<>();
        for (JsonNode framework : state.path("get_frameworks").path("frameworks")) {
            putFramework(frameworks, framework);
        }
        Map<ClusterSummary.TaskKey, String> tasks = new LinkedHashMap<>();
        JsonNode getTasks = state.path("get_tasks");
        for (String list : new String[] {"completed_tasks", "unreachable_tasks", "tasks"}) {
            for (JsonNode task : getTasks.path(list)) {
                putTask(tasks, task);
            }
        }
        return new ClusterSummary(before.connected(), before.leader(), agents, frameworks, tasks);
    }

    private static ClusterSummary withTask(ClusterSummary before, JsonNode task) {
        Map<ClusterSummary.TaskKey, String> tasks = new LinkedHashMap<>(before.tasks());
        if (!putTask(tasks, task)) {
            return before;
        }
        return new ClusterSummary(before.connected(), before.leader(), before.agents(), before.frameworks(), tasks);
    }

    private static ClusterSummary taskUpdated(ClusterSummary before, JsonNode updated) {
        String frameworkId = updated.path("framework_id").path("value").asText("");
        String taskId = updated.path("status").path("task_id").path("value").asText("");
        String state = updated.path("state").asText(updated.path("status").path("state").asText(""));
        if (taskId.isEmpty() || state.isEmpty()) {
            return before;
        }
        Map<ClusterSummary.TaskKey, String> tasks = new LinkedHashMap<>(before.tasks());
        tasks.put(new ClusterSummary.TaskKey(frameworkId, taskId), state);
        return new ClusterSummary(before.connected(), before.leader(), before.agents(), before.frameworks(), tasks);
    }

    private static ClusterSummary agentAdded(ClusterSummary before, JsonNode agent) {
        Map<String, String> agents = new LinkedHashMap<>(before.agents());
        if (!putAgent(agents, agent)) {
            return before;
        }
        return new ClusterSummary(before.connected(), before.leader(), agents, before.frameworks(), before.tasks());
    }

    private static ClusterSummary agentRemoved(ClusterSummary before, String agentId) {
        if (!before.agents().containsKey(agentId)) {
            return before;
        }
        Map<String, String> agents = new LinkedHashMap<>(before.agents());
        agents.remove(agentId);
        return new ClusterSummary(before.connected(), before.leader(), agents, before.frameworks(), before.tasks());
    }

    private static ClusterSummary frameworkAdded(ClusterSummary before, JsonNode framework) {
        Map<String, String> frameworks = new LinkedHashMap<>(before.frameworks());
        if (!putFramework(frameworks, framework)) {
            return before;
        }
        return new ClusterSummary(before.connected(), before.leader(), before.agents(), frameworks, before.tasks());
    }

    private static ClusterSummary frameworkRemoved(ClusterSummary before, String frameworkId) {
        if (!before.frameworks().containsKey(frameworkId)) {
            return before;
        }
        Map<String, String> frameworks = new LinkedHashMap<>(before.frameworks());
        frameworks.remove(frameworkId);
        return new ClusterSummary(before.connected(), before.leader(), before.agents(), frameworks, before.tasks());
    }

    private static boolean putAgent(Map<String, String> agents, JsonNode agent) {
        JsonNode info = agent.path("agent_info");
        String id = info.path("id").path("value").asText("");
        if (id.isEmpty()) {
            return false;
        }
        agents.put(id, info.path("hostname").asText(""));
        return true;
    }

    private static boolean putFramework(Map<String, String> frameworks, JsonNode framework) {
        JsonNode info = framework.path("framework_info");
        String id = info.path("id").path("value").asText("");
        if (id.isEmpty()) {
            return false;
        }
        frameworks.put(id, info.path("name").asText(""));
        return true;
    }

    private static boolean putTask(Map<ClusterSummary.TaskKey, String> tasks, JsonNode task) {
        String taskId = task.path("task_id").path("value").asText("");
        String state = task.path("state").asText("");
        if (taskId.isEmpty() || state.isEmpty()) {
            return false;
        }
        tasks.put(new ClusterSummary.TaskKey(task.path("framework_id").path("value").asText(""), taskId), state);
        return true;
    }
}
