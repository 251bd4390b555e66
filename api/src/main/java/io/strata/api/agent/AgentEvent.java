package io.strata.api.agent;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.KillPolicy;
import io.strata.api.mesos.MasterInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import java.util.List;

/** An event the master pushes to an agent on its subscription stream. */
public record AgentEvent(Type type, Subscribed subscribed, RunTask runTask, KillTask killTask,
                         Acknowledge acknowledge, ShutdownFramework shutdownFramework, RunTaskGroup runTaskGroup) {

    /** Event types. */
    public enum Type {
        UNKNOWN, SUBSCRIBED, RUN_TASK, KILL_TASK, ACKNOWLEDGE, SHUTDOWN_FRAMEWORK, HEARTBEAT, RUN_TASK_GROUP
    }

    /** An event without a task group (the shape before RUN_TASK_GROUP existed). */
    public AgentEvent(Type type, Subscribed subscribed, RunTask runTask, KillTask killTask, Acknowledge acknowledge,
                      ShutdownFramework shutdownFramework) {
        this(type, subscribed, runTask, killTask, acknowledge, shutdownFramework, null);
    }

    /**
     * SUBSCRIBED: the agent's id and how often it must heartbeat; {@code kill_tasks} lists tasks the master
     * no longer wants (e.g. of frameworks torn down while the agent was away).
     */
    public record Subscribed(AgentId agentId, Double heartbeatIntervalSeconds, MasterInfo masterInfo,
                             List<TaskId> killTasks) {
    }

    /** RUN_TASK: launch a task for a framework. */
    public record RunTask(FrameworkInfo frameworkInfo, TaskInfo task) {
    }

    /**
     * RUN_TASK_GROUP: launch the tasks of a LAUNCH_GROUP together under one executor (Mesos' RunTaskGroupMessage);
     * every task carries the agent id, the executor carries the framework id.
     */
    public record RunTaskGroup(FrameworkInfo frameworkInfo, Offer.ExecutorInfo executor, Offer.TaskGroupInfo taskGroup) {
    }

    /** KILL_TASK. */
    public record KillTask(FrameworkId frameworkId, TaskId taskId, KillPolicy killPolicy) {
    }

    /** ACKNOWLEDGE: the framework acknowledged the update with this uuid. */
    public record Acknowledge(FrameworkId frameworkId, TaskId taskId, String uuid) {
    }

    /** SHUTDOWN_FRAMEWORK: kill all its tasks and forget it. */
    public record ShutdownFramework(FrameworkId frameworkId) {
    }

    public static AgentEvent subscribed(Subscribed s) {
        return new AgentEvent(Type.SUBSCRIBED, s, null, null, null, null);
    }

    public static AgentEvent runTask(RunTask r) {
        return new AgentEvent(Type.RUN_TASK, null, r, null, null, null);
    }

    public static AgentEvent runTaskGroup(RunTaskGroup r) {
        return new AgentEvent(Type.RUN_TASK_GROUP, null, null, null, null, null, r);
    }

    public static AgentEvent killTask(KillTask k) {
        return new AgentEvent(Type.KILL_TASK, null, null, k, null, null);
    }

    public static AgentEvent acknowledge(Acknowledge a) {
        return new AgentEvent(Type.ACKNOWLEDGE, null, null, null, a, null);
    }

    public static AgentEvent shutdownFramework(FrameworkId id) {
        return new AgentEvent(Type.SHUTDOWN_FRAMEWORK, null, null, null, null, new ShutdownFramework(id));
    }

    public static AgentEvent heartbeat() {
        return new AgentEvent(Type.HEARTBEAT, null, null, null, null, null);
    }
}
