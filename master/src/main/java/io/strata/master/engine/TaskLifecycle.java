package io.strata.master.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.json.Json;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Event;
import io.strata.api.mesos.Offer;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.ExecutorEntry;
import io.strata.server.trace.LaunchHop;
import io.strata.server.wire.ResourceWire;
import io.strata.master.registry.FrameworkEntry;
import io.strata.master.registry.TaskEntry;
import io.strata.api.agent.AgentEvent;
import io.strata.api.mesos.AgentId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Applies task status changes to the registry: records the state, persists or forgets the task, frees its
 * resources when it ends, tells operator subscribers and forwards the update to the framework.
 */
public final class TaskLifecycle {
    private final MasterContext ctx;

    public TaskLifecycle(MasterContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Returns the framework's executor of this id on this agent, registering it (with the resources its info names)
     * when it is new. The allocator is not told: a launch took the resources from an offer, and a recovered or
     * re-registered agent reports its whole use to the allocator afterwards.
     */
    public ExecutorEntry executor(FrameworkEntry f, AgentEntry a, Offer.ExecutorInfo info) {
        String key = ExecutorEntry.key(a.id, info.executorId().value());
        ExecutorEntry e = f.executors.get(key);
        if (e == null) {
            Offer.ExecutorInfo withFramework = new Offer.ExecutorInfo(info.type(), info.executorId(), f.id,
                    info.command(), info.resources(), info.container(), info.name());
            e = new ExecutorEntry(f.id, a.id, withFramework, ResourceWire.toDomain(info.resources(),
                    "executor.resources"));
            f.executors.put(key, e);
            a.executors.put(key, e);
        }
        return e;
    }

    /**
     * Records a new task (STAGING) and announces it; a task-group task joins its executor, which must exist.
     * Returns the store write of its record (see {@link MasterContext#persist(TaskEntry)}).
     */
    public CompletableFuture<Void> added(FrameworkEntry f, AgentEntry a, TaskEntry t) {
        f.tasks.put(t.key, t);
        a.tasks.put(t.key, t);
        if (t.executorId != null) {
            ExecutorEntry e = f.executors.get(ExecutorEntry.key(a.id, t.executorId.value()));
            if (e != null) {
                e.tasks.add(t.key);
            }
        }
        CompletableFuture<Void> stored = ctx.persist(t);
        if (ctx.events.hasSubscribers()) {
            ObjectNode body = Json.mesos().createObjectNode();
            body.set("task", V1Json.task(t));
            ctx.events.publish("TASK_ADDED", body);
        }
        return stored;
    }

    /**
     * Sends {@code run} (the RUN_TASK or RUN_TASK_GROUP of {@code launched}) to the agent once {@code stored}
     * completes, so a task never runs without a record a new leader would recover. Meanwhile the tasks are
     * {@link TaskEntry#awaitingStore}; those killed or ended meanwhile are not sent (a group only whole). If the
     * write failed, the tasks still waiting end as TASK_DROPPED (TASK_LOST without PARTITION_AWARE): the agent
     * never heard of them.
     */
    public void launchWhenStored(FrameworkEntry f, AgentId agentId, List<TaskEntry> launched,
                                 CompletableFuture<Void> stored, AgentEvent run) {
        launched.forEach(t -> t.awaitingStore = true);
        String traced = launched.isEmpty() ? "" : launched.get(0).info.taskId().value();
        stored.whenComplete((ok, error) -> LaunchHop.mark("master", traced, "store.committed"));
        stored.whenComplete((ok, error) -> ctx.onLoop(() -> {
            List<TaskEntry> waiting = new ArrayList<>();
            for (TaskEntry t : launched) {
                t.awaitingStore = false;
                if (f.tasks.get(t.key) == t && t.state == TaskState.TASK_STAGING) {
                    waiting.add(t);
                }
            }
            if (error == null && waiting.size() == launched.size()) {
                ctx.registry.agent(agentId).ifPresent(a -> ctx.send(a, run));
                LaunchHop.mark("master", traced, "run_task.queued");
                return;
            }
            if (error != null) {
                ctx.count("master/task_launches_not_stored");
            }
            String why = error != null ? "Task was not launched: its record could not be stored ("
                    + rootMessage(error) + ")" : "Task was not launched: another task of its group ended first";
            boolean partitionAware = f.info.hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE);
            for (TaskEntry t : waiting) {
                update(f, t, masterStatus(t, partitionAware ? TaskState.TASK_DROPPED : TaskState.TASK_LOST,
                        error != null ? null : TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH, why));
            }
        }));
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t instanceof java.util.concurrent.CompletionException) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /**
     * Applies a status to a known task and forwards it to the framework (translated for frameworks that are
     * not partition-aware). Terminal states free the task's resources and move it to the completed list.
     */
    public void update(FrameworkEntry f, TaskEntry t, TaskStatus status) {
        TaskState before = t.state;
        t.apply(status, ctx.nowSeconds());
        count(status.state());
        if (status.state().isTerminal()) {
            f.tasks.remove(t.key);
            ctx.registry.agent(t.agentId).ifPresent(a -> a.tasks.remove(t.key));
            f.complete(t, ctx.config.maxCompletedTasksPerFramework());
            if (before == null || !before.isTerminal()) {
                ctx.allocator.recover(f.id.value(), t.agentId.value(), t.resources, 0);
                ctx.requestAllocation();
            }
            ctx.store.removeTask(t.key);
            taskEnded(f, t);
        }
        // Non-terminal changes are not written: the store records that a task exists (written at launch) and
        // its agent reports the current state when it re-registers with a new leader, as Mesos agents do.
        if (ctx.events.hasSubscribers()) {
            ObjectNode body = Json.mesos().createObjectNode();
            body.set("framework_id", Json.mesos().valueToTree(f.id));
            body.set("status", Json.mesos().valueToTree(status));
            body.put("state", status.state().name());
            ctx.events.publish("TASK_UPDATED", body);
        }
        forward(f, status);
    }

    /**
     * A task-group task ended: it leaves its executor, and an executor without tasks left is removed and its own
     * resources are given back, as Mesos' default executor exits with its last task.
     */
    private void taskEnded(FrameworkEntry f, TaskEntry t) {
        if (t.executorId == null) {
            return;
        }
        String key = ExecutorEntry.key(t.agentId, t.executorId.value());
        ExecutorEntry e = f.executors.get(key);
        if (e == null) {
            return;
        }
        e.tasks.remove(t.key);
        if (e.tasks.isEmpty()) {
            f.executors.remove(key);
            ctx.registry.agent(t.agentId).ifPresent(a -> a.executors.remove(key));
            ctx.allocator.recover(f.id.value(), t.agentId.value(), e.resources, 0);
            ctx.requestAllocation();
        }
    }

    /** Sends an update to the framework, translating partition-aware states for frameworks without it. */
    public void forward(FrameworkEntry f, TaskStatus status) {
        ctx.send(f, Event.update(forFramework(f.info, status)));
        LaunchHop.mark("master", status.taskId().value(), "update.forwarded:" + status.state());
    }

    /**
     * Translates a status for a framework by its capabilities: TASK_UNREACHABLE, TASK_DROPPED, TASK_GONE,
     * TASK_GONE_BY_OPERATOR and TASK_UNKNOWN become TASK_LOST without PARTITION_AWARE; TASK_KILLING becomes
     * TASK_RUNNING without TASK_KILLING_STATE (the two capabilities are independent). Only the state changes.
     */
    public static TaskStatus forFramework(FrameworkInfo info, TaskStatus status) {
        boolean partitionAware = info.hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE);
        boolean killingState = info.hasCapability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE);
        return switch (status.state()) {
            case TASK_UNREACHABLE, TASK_DROPPED, TASK_GONE, TASK_GONE_BY_OPERATOR, TASK_UNKNOWN -> partitionAware
                    ? status : status.toBuilder().state(TaskState.TASK_LOST).build();
            case TASK_KILLING -> killingState ? status : status.toBuilder().state(TaskState.TASK_RUNNING).build();
            case TASK_STAGING, TASK_STARTING, TASK_RUNNING, TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR,
                 TASK_LOST -> status;
        };
    }

    /** A status created by the master itself: no uuid, never acknowledged. */
    public TaskStatus masterStatus(TaskEntry t, TaskState state, TaskStatus.Reason reason, String message) {
        return TaskStatus.builder(t.info.taskId(), state).agentId(t.agentId).source(TaskStatus.Source.SOURCE_MASTER)
                .reason(reason).message(message).timestamp(ctx.nowSeconds()).build();
    }

    private void count(TaskState state) {
        ctx.count("master/status_updates/" + state.name());
    }
}
