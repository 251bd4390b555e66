package io.strata.dashboard.feed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the dashboard's live feed knows about the cluster, folded from the master's operator event stream:
 * agents (id to hostname), frameworks (id to name) and every task the master reported (framework id and task id
 * to its latest state, completed tasks included, as the master's {@code master/tasks_*} counters count them).
 *
 * <p>Immutable: the fold returns a new summary per change. {@code leader} is the master URL the stream is read
 * from, empty while disconnected.
 */
public record ClusterSummary(boolean connected, String leader, Map<String, String> agents,
                             Map<String, String> frameworks, Map<TaskKey, String> tasks) {
    /** Nothing known yet: no stream has been opened. */
    public static final ClusterSummary EMPTY = new ClusterSummary(false, "", Map.of(), Map.of(), Map.of());

    /** A task's identity: task ids are unique within a framework only. */
    public record TaskKey(String frameworkId, String taskId) {
        /** Both ids must be present. */
        public TaskKey {
            if (frameworkId == null || taskId == null || taskId.isEmpty()) {
                throw new IllegalArgumentException("a task key needs a framework id and a task id");
            }
        }
    }

    /** Copies the maps and checks that no field is null. */
    public ClusterSummary {
        if (leader == null || agents == null || frameworks == null || tasks == null) {
            throw new IllegalArgumentException("summary fields must not be null");
        }
        agents = Map.copyOf(agents);
        frameworks = Map.copyOf(frameworks);
        tasks = Map.copyOf(tasks);
    }

    /** Tasks per state name (e.g. {@code TASK_RUNNING -> 2}), states sorted by name. */
    public Map<String, Long> taskCounts() {
        Map<String, Long> counts = new TreeMap<>();
        tasks.values().forEach(state -> counts.merge(state, 1L, Long::sum));
        return counts;
    }

    /** The same summary marked connected to {@code leaderUrl}, or disconnected when it is empty. */
    public ClusterSummary withConnection(String leaderUrl) {
        return new ClusterSummary(!leaderUrl.isEmpty(), leaderUrl, agents, frameworks, tasks);
    }

    /** The JSON-friendly view sent to browsers: counts only, so a large cluster costs a few bytes per change. */
    public Map<String, Object> toView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("connected", connected);
        view.put("leader", leader);
        view.put("agents", agents.size());
        view.put("frameworks", frameworks.size());
        view.put("tasks", taskCounts());
        return view;
    }
}
