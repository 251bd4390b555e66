package io.strata.master.registry;

import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.TaskId;

/** Task ids are unique within a framework; this pair is unique in the cluster. */
public record TaskKey(String frameworkId, String taskId) {
    public static TaskKey of(FrameworkId f, TaskId t) {
        return new TaskKey(f.value(), t.value());
    }

    /** The store path segment of this task: {@code <frameworkId>/<taskId>}. */
    public String path() {
        return frameworkId + "/" + taskId;
    }
}
