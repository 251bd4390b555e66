package io.strata.master.engine;

import io.strata.api.json.Json;
import io.strata.api.scheduler.Event;
import io.strata.api.agent.AgentEvent;
import io.strata.master.persist.MasterStore;
import io.strata.master.persist.StoredAgent;
import io.strata.master.persist.StoredFramework;
import io.strata.master.persist.StoredTask;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.FrameworkEntry;
import io.strata.master.registry.TaskEntry;
import io.strata.server.wire.ResourceWire;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leadership term of a master: the context and the engine's parts built over it. A new leader builds a
 * term, recovers the stored state into it and starts serving; a deposed one drops it.
 */
public final class Term {
    private static final Logger LOG = LoggerFactory.getLogger(Term.class);
    public final MasterContext ctx;
    public final Offers offers;
    public final TaskLifecycle tasks;
    public final Frameworks frameworks;
    public final Agents agents;
    public final SchedulerCalls calls;

    public Term(MasterContext ctx) {
        this.ctx = ctx;
        this.offers = new Offers(ctx);
        this.tasks = new TaskLifecycle(ctx);
        this.frameworks = new Frameworks(ctx, offers, tasks);
        this.agents = new Agents(ctx, offers, tasks);
        this.calls = new SchedulerCalls(ctx, offers, tasks, frameworks);
    }

    /**
     * Loads frameworks, agents and tasks stored by earlier leaders. Agents get the unreachable timeout to
     * re-register and frameworks at least that long (or their failover timeout) to re-subscribe.
     */
    public void recover(MasterStore.Snapshot snapshot) {
        long grace = ctx.config.agentUnreachableAfter().toMillis();
        for (byte[] bytes : snapshot.frameworks()) {
            StoredFramework s = Json.parse(bytes, StoredFramework.class);
            FrameworkEntry f = new FrameworkEntry(s.frameworkInfo().id(), s.frameworkInfo(), s.registeredTime());
            ctx.registry.frameworks.put(f.id.value(), f);
        }
        for (byte[] bytes : snapshot.agents()) {
            StoredAgent s = Json.parse(bytes, StoredAgent.class);
            AgentEntry a = new AgentEntry(s.agentInfo().id(), s.agentInfo(),
                    ResourceWire.toDomain(s.agentInfo().resources(), "resources"),
                    ResourceWire.attributesToDomain(s.agentInfo().attributes()), s.registeredTime());
            ctx.registry.agents.put(a.id.value(), a);
        }
        int orphans = 0;
        for (byte[] bytes : snapshot.tasks()) {
            StoredTask s = Json.parse(bytes, StoredTask.class);
            FrameworkEntry f = ctx.registry.frameworks.get(s.frameworkId().value());
            AgentEntry a = ctx.registry.agent(s.task().agentId()).orElse(null);
            if (f == null || a == null) {
                orphans++;
                continue;
            }
            var executor = s.executor() == null ? null : tasks.executor(f, a, s.executor());
            TaskEntry t = new TaskEntry(f.id, s.task(), a.id,
                    ResourceWire.toDomain(s.task().resources(), "resources"),
                    executor == null ? null : executor.info.executorId());
            t.statuses.addAll(s.statuses() == null ? List.of() : s.statuses());
            t.state = s.latestStatus().state();
            t.latest = s.latestStatus();
            t.recovered = true;
            f.tasks.put(t.key, t);
            a.tasks.put(t.key, t);
            if (executor != null) {
                executor.tasks.add(t.key);
            }
        }
        ctx.registry.frameworks.values().forEach(f -> frameworks.recovered(f, grace));
        ctx.registry.agents.values().forEach(agents::recovered);
        LOG.info("recovered {} frameworks, {} agents, {} tasks ({} orphaned) from the store",
                ctx.registry.frameworks.size(), ctx.registry.agents.size(), snapshot.tasks().size() - orphans,
                orphans);
    }

    /** Sends HEARTBEAT to every connected framework, agent and operator subscriber. */
    public void heartbeat() {
        byte[] framework = Json.toBytes(Event.heartbeat());
        byte[] agent = Json.toBytes(AgentEvent.heartbeat());
        for (FrameworkEntry f : ctx.registry.frameworks.values()) {
            if (f.connected && f.stream != null) {
                f.stream.send(framework);
            }
        }
        for (AgentEntry a : ctx.registry.agents.values()) {
            if (a.connected && a.stream != null) {
                a.stream.send(agent);
            }
        }
        ctx.events.publish("HEARTBEAT", null);
    }

    /** Ends the term: every stream is closed so clients find the next leader. */
    public void close() {
        ctx.ended = true;
        for (FrameworkEntry f : ctx.registry.frameworks.values()) {
            if (f.stream != null) {
                f.stream.close();
            }
        }
        for (AgentEntry a : ctx.registry.agents.values()) {
            if (a.stream != null) {
                a.stream.close();
            }
        }
        ctx.events.closeAll();
    }
}
