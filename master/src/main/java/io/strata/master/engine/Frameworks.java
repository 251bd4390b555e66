package io.strata.master.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.agent.AgentEvent;
import io.strata.api.json.Json;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.scheduler.Event;
import io.strata.core.resources.Resource;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.FrameworkEntry;
import io.strata.master.registry.TaskEntry;
import io.strata.server.ApiException;
import io.strata.server.EventStream;
import java.util.List;

/** Framework registration, failover and removal. */
public final class Frameworks {
    private static final int MAX_COMPLETED_FRAMEWORKS = 50;
    private final MasterContext ctx;
    private final Offers offers;
    private final TaskLifecycle tasks;

    public Frameworks(MasterContext ctx, Offers offers, TaskLifecycle tasks) {
        this.ctx = ctx;
        this.offers = offers;
        this.tasks = tasks;
    }

    /** Validates a SUBSCRIBE's framework info; throws 400 naming the field. */
    public static void validate(FrameworkInfo info) {
        if (info == null) {
            throw ApiException.badRequest("Expecting 'subscribe.framework_info' to be present");
        }
        if (info.user() == null) {
            throw ApiException.badRequest("Expecting 'subscribe.framework_info.user' to be present");
        }
        if (info.name() == null || info.name().isBlank()) {
            throw ApiException.badRequest("Expecting 'subscribe.framework_info.name' to be present");
        }
        if (info.role() != null && !info.role().isEmpty() && !Resource.isValidRole(info.role())) {
            throw ApiException.badRequest("'subscribe.framework_info.role' '" + info.role() + "' is not a valid role");
        }
        if (info.failoverTimeout() != null
                && (!Double.isFinite(info.failoverTimeout()) || info.failoverTimeout() < 0)) {
            throw ApiException.badRequest("'subscribe.framework_info.failover_timeout' must be a finite number >= 0");
        }
    }

    /**
     * Registers a new framework or re-subscribes a known one on a new stream; an unknown or removed id is
     * refused with 400. Returns the entry; SUBSCRIBED has been queued on the stream.
     */
    public FrameworkEntry subscribe(FrameworkInfo info, EventStream stream) {
        validate(info);
        ctx.count("master/messages_register_framework");
        FrameworkEntry f;
        if (info.id() != null && info.id().value() != null && !info.id().value().isEmpty()) {
            f = ctx.registry.frameworks.get(info.id().value());
            if (f == null) {
                String why = ctx.registry.completedFrameworks.containsKey(info.id().value())
                        ? "has been removed" : "is unknown";
                throw ApiException.badRequest("Framework " + info.id().value() + " " + why
                        + "; subscribe without an id to register anew");
            }
            if (f.stream != null && f.stream != stream) {
                EventStream old = f.stream;
                f.stream = null;
                old.send(Json.toBytes(Event.error("Framework failed over")));
                old.close();
            }
            offers.rescindAll(f);
            f.info = info;
            f.reregisteredTime = ctx.nowSeconds();
            f.recovered = false;
        } else {
            f = new FrameworkEntry(ctx.registry.newFrameworkId(), info, ctx.nowSeconds());
            f.info = info.withId(f.id);
            ctx.registry.frameworks.put(f.id.value(), f);
            ctx.allocator.addFramework(f.id.value(), f.role(),
                    info.hasCapability(FrameworkInfo.Capability.Type.GPU_RESOURCES));
            publish("FRAMEWORK_ADDED", f);
        }
        f.stream = stream;
        f.connected = true;
        f.unregisteredTime = null;
        f.failoverDeadlineMillis = 0;
        ctx.persist(f);
        ctx.allocator.setFrameworkActive(f.id.value(), true);
        ctx.send(f, Event.subscribed(new Event.Subscribed(f.id,
                ctx.config.heartbeatInterval().toMillis() / 1000.0, ctx.masterInfo)));
        ctx.requestAllocation();
        return f;
    }

    /** The framework's stream closed: deactivate it and start its failover countdown. */
    public void disconnected(FrameworkEntry f, EventStream stream) {
        if (f.stream != stream || ctx.registry.frameworks.get(f.id.value()) != f) {
            return;
        }
        f.stream = null;
        f.connected = false;
        f.unregisteredTime = ctx.nowSeconds();
        double failover = f.info.failoverTimeout() == null ? 0 : f.info.failoverTimeout();
        f.failoverDeadlineMillis = ctx.nowMillis() + (long) (failover * 1000);
        ctx.allocator.setFrameworkActive(f.id.value(), false);
        offers.rescindAll(f);
        publish("FRAMEWORK_UPDATED", f);
    }

    /** Removes disconnected frameworks whose failover timeout has passed. */
    public void expireFailovers() {
        long now = ctx.nowMillis();
        for (FrameworkEntry f : List.copyOf(ctx.registry.frameworks.values())) {
            if (!f.connected && f.failoverDeadlineMillis > 0 && f.failoverDeadlineMillis <= now) {
                remove(f, "Framework failover timeout");
            }
        }
    }

    /** Removes a framework: its offers are rescinded, its tasks killed on their agents and marked KILLED. */
    public void remove(FrameworkEntry f, String why) {
        offers.rescindAll(f);
        for (AgentEntry a : ctx.registry.agents.values()) {
            if (a.tasks.values().stream().anyMatch(t -> t.frameworkId.equals(f.id))) {
                ctx.send(a, AgentEvent.shutdownFramework(f.id));
            }
        }
        for (TaskEntry t : List.copyOf(f.tasks.values())) {
            tasks.update(f, t, tasks.masterStatus(t, TaskState.TASK_KILLED,
                    io.strata.api.mesos.TaskStatus.Reason.REASON_FRAMEWORK_REMOVED, why));
        }
        ctx.allocator.removeFramework(f.id.value());
        ctx.registry.frameworks.remove(f.id.value());
        ctx.registry.completeFramework(f, MAX_COMPLETED_FRAMEWORKS);
        ctx.store.removeFramework(f.id.value());
        f.connected = false;
        f.unregisteredTime = ctx.nowSeconds();
        if (f.stream != null) {
            f.stream.close();
            f.stream = null;
        }
        if (ctx.events.hasSubscribers()) {
            ObjectNode body = Json.mesos().createObjectNode();
            body.set("framework_info", Json.mesos().valueToTree(f.info));
            ctx.events.publish("FRAMEWORK_REMOVED", body);
        }
    }

    /** Re-adds a framework loaded from the store by a new leader, with what its tasks use. */
    public void recovered(FrameworkEntry f, long graceMillis) {
        f.recovered = true;
        f.connected = false;
        double failover = f.info.failoverTimeout() == null ? 0 : f.info.failoverTimeout();
        f.failoverDeadlineMillis = ctx.nowMillis() + Math.max(graceMillis, (long) (failover * 1000));
        ctx.allocator.addFramework(f.id.value(), f.role(),
                f.info.hasCapability(FrameworkInfo.Capability.Type.GPU_RESOURCES));
        ctx.allocator.setFrameworkActive(f.id.value(), false);
    }

    private void publish(String type, FrameworkEntry f) {
        if (ctx.events.hasSubscribers()) {
            ObjectNode body = Json.mesos().createObjectNode();
            body.set("framework", V1Json.framework(f));
            ctx.events.publish(type, body);
        }
    }
}
