package io.strata.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import java.util.List;

/** Finds the one task a user means by an id or an unambiguous id prefix. */
public final class TaskFinder {
    private TaskFinder() {
    }

    /**
     * The task with id {@code id} (an active one before a completed one of the same id), else the only task
     * whose id starts with {@code id}.
     *
     * @throws CliFailure exit 1 when no task or several tasks match
     */
    public static ClusterTask find(JsonNode state, String id) {
        List<ClusterTask> tasks = ClusterTask.all(state, true);
        for (ClusterTask task : tasks) {
            if (task.id().equals(id)) {
                return task; // active tasks come first in ClusterTask.all
            }
        }
        List<ClusterTask> matches = tasks.stream().filter(t -> t.id().startsWith(id)).toList();
        if (matches.isEmpty()) {
            throw new CliFailure(ExitCodes.FAILURE, "no task with id '" + id + "'");
        }
        List<String> ids = matches.stream().map(ClusterTask::id).distinct().sorted().toList();
        if (ids.size() > 1) {
            throw new CliFailure(ExitCodes.FAILURE, "task id '" + id + "' matches " + ids.size() + " tasks: "
                    + String.join(", ", ids));
        }
        return matches.getFirst();
    }
}
