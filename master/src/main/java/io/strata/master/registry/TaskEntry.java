package io.strata.master.registry;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.ExecutorId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.core.resources.Resources;
import java.util.ArrayList;
import java.util.List;

/** A task the master knows: its info, where it runs, its latest status and the history of states. */
public final class TaskEntry {
    public final TaskKey key;
    public final FrameworkId frameworkId;
    public final TaskInfo info;
    public final AgentId agentId;
    public final Resources resources;
    /** The executor of a task-group task; null for a command task (whose executor id is its task id). */
    public final ExecutorId executorId;
    public TaskState state;
    public TaskStatus latest;
    /** Loaded from the store by a new leader: its state is the stored one until its agent re-registers. */
    public boolean recovered;
    /**
     * Launched and waiting for its record to be stored: not yet sent to its agent. A kill now ends it in the
     * master alone (the agent never hears of it).
     */
    public boolean awaitingStore;
    /** State history for the state JSON, oldest first: (state, timestamp secs, healthy). */
    public final List<StatusRecord> statuses = new ArrayList<>();

    public TaskEntry(FrameworkId frameworkId, TaskInfo info, AgentId agentId, Resources resources) {
        this(frameworkId, info, agentId, resources, null);
    }

    /** A task of a task group run by {@code executorId} (null for a command task). */
    public TaskEntry(FrameworkId frameworkId, TaskInfo info, AgentId agentId, Resources resources,
                     ExecutorId executorId) {
        this.executorId = executorId;
        this.key = TaskKey.of(frameworkId, info.taskId());
        this.frameworkId = frameworkId;
        this.info = info;
        this.agentId = agentId;
        this.resources = resources;
    }

    /** One entry of the status history. */
    public record StatusRecord(TaskState state, double timestamp, Boolean healthy) {
    }

    /** Applies a status: records it if the state changed or health changed. */
    public void apply(TaskStatus status, double now) {
        boolean changed = state != status.state()
                || (status.healthy() != null && latest != null && !status.healthy().equals(latest.healthy()));
        state = status.state();
        latest = status;
        if (changed) {
            statuses.add(new StatusRecord(status.state(), status.timestamp() != null ? status.timestamp() : now,
                    status.healthy()));
        }
    }
}
