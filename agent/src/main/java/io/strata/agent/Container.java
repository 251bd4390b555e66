package io.strata.agent;

import io.strata.agent.health.HealthChecker;
import io.strata.agent.isolation.ContainerId;
import io.strata.agent.launcher.RunningProcess;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskStatus;
import io.strata.core.resources.Resources;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One task's container on this agent: what was asked for, where it lives and its supervised process.
 * Mutable fields are guarded by the instance's monitor.
 */
public final class Container {
    public final FrameworkInfo framework;
    public final TaskInfo task;
    public final ContainerId id;
    public final Resources resources;
    public final Path sandbox;
    public final Path metaDir;
    RunningProcess process;
    boolean killRequested;
    boolean killedByHealthCheck;
    boolean terminated;
    HealthChecker health;
    /** Set for image tasks once their bundle is written. */
    ImageRun image;
    private volatile TaskStatus lastStatus;

    Container(FrameworkInfo framework, TaskInfo task, ContainerId id, Resources resources, Path sandbox, Path metaDir) {
        this.framework = framework;
        this.task = task;
        this.id = id;
        this.resources = resources;
        this.sandbox = sandbox;
        this.metaDir = metaDir;
    }

    /** The executor id; for command tasks it equals the task id, as in Mesos. */
    public String executorId() {
        return task.taskId().value();
    }

    /** The checkpointed update stream of this task. */
    public Path updatesFile() {
        return metaDir.resolve("task.updates");
    }

    public synchronized boolean isTerminated() {
        return terminated;
    }

    /** The last status generated for the task, empty before the first. */
    public Optional<TaskStatus> lastStatus() {
        return Optional.ofNullable(lastStatus);
    }

    void lastStatus(TaskStatus status) {
        this.lastStatus = status;
    }
}
