package io.strata.master.persist;

import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskStatus;
import io.strata.master.registry.TaskEntry;
import java.util.List;

/**
 * The stored record of a non-terminal task: its info (with agent id), latest status and state history, and for a
 * task-group task its executor (null for a command task).
 */
public record StoredTask(FrameworkId frameworkId, TaskInfo task, TaskStatus latestStatus,
                         List<TaskEntry.StatusRecord> statuses, Offer.ExecutorInfo executor) {
}
