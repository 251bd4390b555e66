package io.strata.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.mesos.TaskState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A task found in {@code /master/state} with what the tables and the log command need around it.
 *
 * @param task the task's JSON ({@code id, name, framework_id, slave_id, state, ...})
 * @param frameworkName the name of its framework, "-" when unknown
 * @param agent the JSON of its agent in {@code slaves[]}, a missing node when the agent is gone
 * @param completed whether it was listed among completed tasks or frameworks
 */
public record ClusterTask(JsonNode task, String frameworkName, JsonNode agent, boolean completed) {

    /** The task id. */
    public String id() {
        return task.path("id").asText();
    }

    /** The framework id. */
    public String frameworkId() {
        return task.path("framework_id").asText();
    }

    /** The task state, or null for a name this client does not know. */
    public TaskState state() {
        try {
            return TaskState.valueOf(task.path("state").asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The agent's hostname, else its id, else "-". */
    public String host() {
        if (agent.path("hostname").isTextual()) {
            return agent.get("hostname").asText();
        }
        return task.path("slave_id").asText("-");
    }

    /**
     * Every task of a master state: {@code frameworks[].tasks} and {@code unreachable_tasks}, then with
     * {@code all} also {@code frameworks[].completed_tasks} and the tasks of {@code completed_frameworks}.
     * Without {@code all}, tasks in a terminal state are left out even if listed as active.
     */
    public static List<ClusterTask> all(JsonNode state, boolean all) {
        Map<String, JsonNode> agents = new HashMap<>();
        state.path("slaves").forEach(a -> agents.put(a.path("id").asText(), a));
        List<ClusterTask> tasks = new ArrayList<>();
        for (JsonNode framework : state.path("frameworks")) {
            collect(tasks, framework, "tasks", agents, false);
            collect(tasks, framework, "unreachable_tasks", agents, false);
            if (all) {
                collect(tasks, framework, "completed_tasks", agents, true);
            }
        }
        if (all) {
            for (JsonNode framework : state.path("completed_frameworks")) {
                collect(tasks, framework, "tasks", agents, true);
                collect(tasks, framework, "completed_tasks", agents, true);
            }
        } else {
            tasks.removeIf(t -> t.state() != null && t.state().isTerminal());
        }
        return tasks;
    }

    private static void collect(List<ClusterTask> into, JsonNode framework, String field, Map<String, JsonNode> agents,
                                boolean completed) {
        String name = framework.path("name").asText("-");
        for (JsonNode task : framework.path(field)) {
            JsonNode agent = agents.getOrDefault(task.path("slave_id").asText(),
                    com.fasterxml.jackson.databind.node.MissingNode.getInstance());
            into.add(new ClusterTask(task, name, agent, completed));
        }
    }
}
