package io.strata.master.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.agent.AgentCall;
import io.strata.api.agent.AgentEvent;
import io.strata.api.agent.AgentInfo;
import io.strata.api.json.Json;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Event;
import io.strata.core.resources.Attributes;
import io.strata.core.resources.InvalidResourcesException;
import io.strata.core.resources.Resources;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.FrameworkEntry;
import io.strata.master.registry.TaskEntry;
import io.strata.master.registry.TaskKey;
import io.strata.server.ApiException;
import io.strata.server.EventStream;
import io.strata.server.wire.ResourceWire;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The agent channel: registration and re-registration (with reconciliation of the tasks the agent reports),
 * heartbeats, status updates, disconnection and the unreachable timeout.
 */
public final class Agents {
    private final MasterContext ctx;
    private final Offers offers;
    private final TaskLifecycle tasks;

    public Agents(MasterContext ctx, Offers offers, TaskLifecycle tasks) {
        this.ctx = ctx;
        this.offers = offers;
        this.tasks = tasks;
    }

    /** Registers or re-registers an agent on a new stream; SUBSCRIBED is queued on it. */
    public AgentEntry subscribe(AgentCall.Subscribe s, EventStream stream) {
        AgentInfo info = s.agentInfo();
        if (info == null) {
            throw ApiException.badRequest("Expecting 'subscribe.agent_info' to be present");
        }
        if (info.hostname() == null || info.hostname().isBlank()) {
            throw ApiException.badRequest("Expecting 'subscribe.agent_info.hostname' to be present");
        }
        if (info.port() <= 0 || info.port() > 65535) {
            throw ApiException.badRequest("'subscribe.agent_info.port' " + info.port() + " is out of range");
        }
        Resources total;
        Attributes attributes;
        try {
            total = ResourceWire.toDomain(info.resources(), "subscribe.agent_info.resources");
            attributes = ResourceWire.attributesToDomain(info.attributes());
        } catch (InvalidResourcesException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        double now = ctx.nowSeconds();
        AgentEntry a = info.id() == null || info.id().value() == null ? null : ctx.registry.agents.get(info.id().value());
        boolean isNew = a == null;
        if (isNew) {
            AgentId id = info.id() != null && info.id().value() != null && !info.id().value().isEmpty()
                    ? info.id() : ctx.registry.newAgentId();
            a = new AgentEntry(id, info.withId(id), total, attributes, now);
            ctx.registry.agents.put(id.value(), a);
            ctx.count("master/slave_registrations");
        } else {
            ctx.count("master/slave_reregistrations");
            if (a.stream != null && a.stream != stream) {
                a.stream.close();
            }
            offers.rescindAll(a);
            a.info = info.withId(a.id);
            a.total = total;
            a.attributes = attributes;
            a.reregisteredTime = now;
        }
        a.stream = stream;
        a.connected = true;
        a.reachable = true;
        a.unreachableTime = null;
        a.recovered = false;
        ctx.lastSeen.put(a.id.value(), ctx.nowMillis());
        ctx.persist(a);
        List<TaskId> kill = reconcile(a, s.tasks() == null ? List.of() : s.tasks());
        if (!isNew) {
            ctx.allocator.removeAgent(a.id.value());
        }
        ctx.allocator.addAgent(a.id.value(), total, usedByFramework(a));
        ctx.allocator.setAgentActive(a.id.value(), true);
        ctx.send(a, AgentEvent.subscribed(new AgentEvent.Subscribed(a.id,
                ctx.config.agentPingTimeout().toMillis() / 1000.0 / 3, ctx.masterInfo, kill)));
        if (ctx.events.hasSubscribers()) {
            ObjectNode body = Json.mesos().createObjectNode();
            body.set("agent", V1Json.agent(a));
            ctx.events.publish("AGENT_ADDED", body);
        }
        offers.allocateAgent(a);
        return a;
    }

    /**
     * Merges what a (re-)registering agent reports with what the master knows. Returns the tasks the agent
     * must kill: those of unknown frameworks, and those a framework without PARTITION_AWARE was told were lost.
     */
    private List<TaskId> reconcile(AgentEntry a, List<AgentCall.KnownTask> reported) {
        List<TaskId> kill = new ArrayList<>();
        Set<TaskKey> seen = new HashSet<>();
        for (AgentCall.KnownTask k : reported) {
            if (k == null || k.frameworkId() == null || k.task() == null || k.task().taskId() == null) {
                continue;
            }
            TaskKey key = TaskKey.of(k.frameworkId(), k.task().taskId());
            seen.add(key);
            FrameworkEntry f = ctx.registry.frameworks.get(k.frameworkId().value());
            if (f == null) {
                kill.add(k.task().taskId());
                continue;
            }
            TaskEntry t = f.tasks.get(key);
            TaskStatus latest = k.latestStatus();
            if (t == null) {
                if (latest != null && latest.state().isTerminal()) {
                    continue; // its terminal update is still on its way through the agent's update manager
                }
                // a task the master does not know (e.g. launched just before a failover): adopt it
                var executor = k.executor() == null || k.executor().executorId() == null ? null
                        : tasks.executor(f, a, k.executor());
                t = new TaskEntry(f.id, k.task().withAgentId(a.id), a.id,
                        ResourceWire.toDomain(k.task().resources(), "task.resources"),
                        executor == null ? null : executor.info.executorId());
                t.apply(latest != null ? latest : TaskStatus.builder(k.task().taskId(), TaskState.TASK_STAGING)
                        .build(), ctx.nowSeconds());
                tasks.added(f, a, t);
                continue;
            }
            a.tasks.put(key, t);
            if (t.state == TaskState.TASK_UNREACHABLE
                    && !f.info.hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE)) {
                kill.add(t.info.taskId());
                continue;
            }
            if (latest != null && latest.state() != t.state && !latest.state().isTerminal()) {
                tasks.update(f, t, latest.toBuilder().uuid(null).source(TaskStatus.Source.SOURCE_MASTER)
                        .reason(TaskStatus.Reason.REASON_RECONCILIATION).timestamp(ctx.nowSeconds()).build());
            }
        }
        for (TaskEntry t : List.copyOf(a.tasks.values())) {
            // a task still STAGING may be on its way to the agent; one recovered from the store is not
            if (!seen.contains(t.key) && (t.recovered || t.state != TaskState.TASK_STAGING)) {
                ctx.registry.framework(t.frameworkId).ifPresent(f -> tasks.update(f, t, tasks.masterStatus(t,
                        TaskState.TASK_GONE, TaskStatus.Reason.REASON_AGENT_RESTARTED,
                        "Task was not found on the agent when it re-registered")));
            }
        }
        return kill;
    }

    /** The agent's stream closed: no more offers from it until it comes back or times out. */
    public void disconnected(AgentEntry a, EventStream stream) {
        if (a.stream != stream) {
            return;
        }
        a.stream = null;
        a.connected = false;
        ctx.allocator.setAgentActive(a.id.value(), false);
        offers.rescindAll(a);
    }

    /**
     * Records a heartbeat. Safe to call from any thread (it touches only {@link MasterContext#lastSeen}), so HTTP
     * threads record heartbeats without waiting for a busy loop.
     *
     * @throws ApiException 404 when the agent is unknown or unreachable: it must subscribe again
     */
    public void heartbeat(AgentId id) {
        if (id == null || id.value() == null) {
            throw ApiException.badRequest("Expecting 'agent_id' to be present");
        }
        if (!ctx.touch(id.value())) {
            throw ApiException.notFound("Unknown or unreachable agent " + id.value() + "; subscribe again");
        }
    }

    /** A status update from an agent: applied to the task and forwarded to its framework with its uuid. */
    public void update(AgentId id, AgentCall.Update u) {
        AgentEntry a = known(id);
        ctx.touch(a.id.value());
        if (u == null || u.status() == null || u.status().taskId() == null || u.status().state() == null
                || u.frameworkId() == null) {
            ctx.count("master/invalid_status_updates");
            throw ApiException.badRequest("Expecting 'update.framework_id', 'update.status.task_id' and "
                    + "'update.status.state' to be present");
        }
        ctx.count("master/valid_status_updates");
        ctx.count("master/messages_status_update");
        TaskStatus status = u.status().toBuilder().agentId(a.id).build();
        FrameworkEntry f = ctx.registry.frameworks.get(u.frameworkId().value());
        if (f == null) {
            // nobody will acknowledge: acknowledge on the framework's behalf so the agent stops resending
            if (status.uuid() != null) {
                ctx.send(a, AgentEvent.acknowledge(new AgentEvent.Acknowledge(u.frameworkId(), status.taskId(),
                        status.uuid())));
            }
            return;
        }
        TaskEntry t = f.tasks.get(TaskKey.of(f.id, status.taskId()));
        if (t != null && !t.agentId.equals(a.id)) {
            ctx.count("master/invalid_status_updates");
            throw ApiException.badRequest("Task " + status.taskId().value() + " of framework " + f.id.value()
                    + " runs on agent " + t.agentId.value() + ", not on " + a.id.value());
        }
        if (t != null) {
            tasks.update(f, t, status);
        } else {
            tasks.forward(f, status); // a retried terminal update: forward again so it can be acknowledged
        }
    }

    private AgentEntry known(AgentId id) {
        if (id == null || id.value() == null) {
            throw ApiException.badRequest("Expecting 'agent_id' to be present");
        }
        AgentEntry a = ctx.registry.agents.get(id.value());
        if (a == null) {
            throw ApiException.notFound("Unknown agent " + id.value() + "; subscribe again");
        }
        return a;
    }

    /** Marks agents silent for longer than the unreachable timeout as unreachable. */
    public void checkHealth() {
        long limit = ctx.nowMillis() - ctx.config.agentUnreachableAfter().toMillis();
        for (AgentEntry a : List.copyOf(ctx.registry.agents.values())) {
            Long seen = ctx.lastSeen.get(a.id.value());
            if (a.reachable && (seen == null || seen < limit)) {
                unreachable(a);
            }
        }
    }

    private void unreachable(AgentEntry a) {
        a.reachable = false;
        // heartbeats now get 404 and the open stream (if any) is cut: the agent has to re-subscribe, which
        // reconciles its tasks
        ctx.lastSeen.remove(a.id.value());
        if (a.stream != null) {
            a.stream.close();
        }
        a.unreachableTime = ctx.nowSeconds();
        ctx.count("master/slave_removals");
        ctx.count("master/slave_removals/reason_unhealthy");
        ctx.allocator.setAgentActive(a.id.value(), false);
        offers.rescindAll(a);
        for (TaskEntry t : List.copyOf(a.tasks.values())) {
            ctx.registry.framework(t.frameworkId).ifPresent(f -> tasks.update(f, t,
                    tasks.masterStatus(t, TaskState.TASK_UNREACHABLE, TaskStatus.Reason.REASON_AGENT_REMOVED,
                            "Agent " + a.id.value() + " is unreachable").toBuilder()
                            .unreachableTime(new TaskStatus.TimeInfo((long) (a.unreachableTime * 1e9))).build()));
        }
        for (FrameworkEntry f : ctx.registry.frameworks.values()) {
            ctx.send(f, Event.failure(new Event.Failure(a.id, null, null)));
        }
        if (ctx.events.hasSubscribers()) {
            ObjectNode body = Json.mesos().createObjectNode();
            body.set("agent_id", Json.mesos().valueToTree(a.id));
            ctx.events.publish("AGENT_REMOVED", body);
        }
    }

    /** Re-adds an agent loaded from the store by a new leader; it has the unreachable timeout to come back. */
    public void recovered(AgentEntry a) {
        a.recovered = true;
        a.connected = false;
        ctx.lastSeen.put(a.id.value(), ctx.nowMillis());
        ctx.allocator.addAgent(a.id.value(), a.total, usedByFramework(a));
        ctx.allocator.setAgentActive(a.id.value(), false);
    }

    private static java.util.Map<String, Resources> usedByFramework(AgentEntry a) {
        java.util.Map<String, Resources> used = new java.util.HashMap<>();
        for (TaskEntry t : a.tasks.values()) {
            used.merge(t.frameworkId.value(), t.resources, Resources::plus);
        }
        for (var e : a.executors.values()) {
            used.merge(e.frameworkId.value(), e.resources, Resources::plus);
        }
        return used;
    }
}
