package io.strata.cli.task;

import io.strata.cli.output.Formats;
import io.strata.cli.output.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The {@code task list} table. */
public final class TaskTable {
    private TaskTable() {
    }

    /** One row per task, sorted by framework name then task id. */
    public static Table of(List<ClusterTask> tasks) {
        Table.Builder table = Table.builder("ID", "NAME", "FRAMEWORK", "HOST", "STATE");
        List<ClusterTask> sorted = new ArrayList<>(tasks);
        sorted.sort(Comparator.comparing(ClusterTask::frameworkName).thenComparing(ClusterTask::id));
        for (ClusterTask task : sorted) {
            table.row(task.id(), Formats.text(task.task().path("name")), task.frameworkName(), task.host(),
                    Formats.text(task.task().path("state")));
        }
        return table.build();
    }
}
