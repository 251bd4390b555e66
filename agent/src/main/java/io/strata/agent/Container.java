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
import java.util.OptionalLong;

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
    /** The task's general check (Mesos {@code TaskInfo.check}) while it runs. */
    io.strata.agent.health.Checker check;
    /** Set for image tasks once their bundle is written. */
    ImageRun image;
    /** The task group this task belongs to; null for a command task (its own container). */
    final Pod pod;
    private volatile TaskStatus lastStatus;

    Container(FrameworkInfo framework, TaskInfo task, ContainerId id, Resources resources, Path sandbox, Path metaDir) {
        this(framework, task, id, resources, sandbox, metaDir, null);
    }

    Container(FrameworkInfo framework, TaskInfo task, ContainerId id, Resources resources, Path sandbox, Path metaDir,
              Pod pod) {
        this.pod = pod;
        this.framework = framework;
        this.task = task;
        this.id = id;
        this.resources = resources;
        this.sandbox = sandbox;
        this.metaDir = metaDir;
    }

    /** The executor id; for command tasks it equals the task id, as in Mesos; a group task's is its group's. */
    public String executorId() {
        return pod != null ? pod.executorId() : task.taskId().value();
    }

    /** Whether this task belongs to a task group. */
    public boolean inGroup() {
        return pod != null;
    }

    /** The run sandbox of the task's executor: the task's own for a command task, the group's for a group task. */
    public Path executorSandbox() {
        return pod != null ? pod.sandbox : sandbox;
    }

    /** The resources of the task's executor: the task's for a command task, the whole group's for a group task. */
    public Resources executorResources() {
        return pod != null ? pod.resources() : resources;
    }

    /** The container id of the task's executor (the group's for a group task). */
    public ContainerId executorContainerId() {
        return pod != null ? pod.id : id;
    }

    /** The checkpointed update stream of this task. */
    public Path updatesFile() {
        return metaDir.resolve("task.updates");
    }

    /**
     * The host pid of the task's process while it runs (for an image task, its runtime's foreground process);
     * empty before the task started and once it ended. Used to enter the task (agent/exec).
     */
    public synchronized OptionalLong taskPid() {
        return process == null || terminated ? OptionalLong.empty() : process.taskPid();
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
