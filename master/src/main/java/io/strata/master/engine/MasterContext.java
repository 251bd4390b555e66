package io.strata.master.engine;

import io.strata.api.agent.AgentEvent;
import io.strata.api.json.Json;
import io.strata.api.mesos.MasterInfo;
import io.strata.api.scheduler.Event;
import io.strata.master.MasterConfig;
import io.strata.master.allocation.AllocatorPort;
import io.strata.master.persist.MasterStore;
import io.strata.master.persist.StoredAgent;
import io.strata.master.persist.StoredFramework;
import io.strata.master.persist.StoredTask;
import io.strata.master.registry.AgentEntry;
import io.strata.master.registry.FrameworkEntry;
import io.strata.master.registry.Registry;
import io.strata.master.registry.TaskEntry;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the engine's parts share during one leadership term: configuration, the registry, and the ports to
 * the outside (allocator, store, clock, operator events), plus counters for /metrics/snapshot.
 */
public final class MasterContext {
    public final MasterConfig config;
    public final Registry registry;
    public final AllocatorPort allocator;
    public final MasterStore store;
    public final InstantSource clock;
    public final OperatorEvents events;
    public final MasterInfo masterInfo;
    public final double startTime;
    public final double electedTime;
    /** Mesos-named counters (e.g. "master/messages_launch_tasks"). */
    public final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private Runnable allocationRequest = () -> { };
    private java.util.concurrent.Executor loop = Runnable::run;
    /** Set when the term ends: completions arriving later (store writes) must not act on this registry. */
    public volatile boolean ended;
    /**
     * Epoch millis of each reachable agent's last sign of life. Concurrent because heartbeats are recorded by
     * HTTP threads without a trip through the loop (a busy loop must not make healthy agents unreachable).
     */
    public final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
    /** Duration of the last batch allocation run in milliseconds. */
    public volatile double lastAllocationMillis;

    public MasterContext(MasterConfig config, Registry registry, AllocatorPort allocator, MasterStore store,
                         InstantSource clock, OperatorEvents events, MasterInfo masterInfo, double startTime) {
        this.config = config;
        this.registry = registry;
        this.allocator = allocator;
        this.store = store;
        this.clock = clock;
        this.events = events;
        this.masterInfo = masterInfo;
        this.startTime = startTime;
        this.electedTime = nowSeconds();
    }

    public long nowMillis() {
        return clock.millis();
    }

    public double nowSeconds() {
        return clock.millis() / 1000.0;
    }

    /** Records a sign of life of a reachable agent; false when the agent is not (or no longer) reachable. */
    public boolean touch(String agentId) {
        return lastSeen.computeIfPresent(agentId, (k, v) -> nowMillis()) != null;
    }

    /** Increments a Mesos-named counter. */
    public void count(String key) {
        counters.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Sets what asks for an allocation run soon (wired by the master). */
    public void onAllocationRequest(Runnable request) {
        this.allocationRequest = request;
    }

    /** Sets how work gets back onto the master loop (wired by the master; tests may run it in place). */
    public void useLoop(java.util.concurrent.Executor loop) {
        this.loop = loop;
    }

    /** Runs work on the master loop, e.g. the continuation of a store write; work submitted after the term ended is dropped. */
    public void onLoop(Runnable work) {
        loop.execute(() -> {
            if (!ended) {
                work.run();
            }
        });
    }

    /** Asks for an allocation run soon (coalesced). */
    public void requestAllocation() {
        allocationRequest.run();
    }

    /** Sends an event to a framework if it is connected; returns whether it was queued. */
    public boolean send(FrameworkEntry f, Event event) {
        return f.connected && f.stream != null && f.stream.send(Json.toBytes(event));
    }

    /** Sends an event to an agent if it is connected. */
    public boolean send(AgentEntry a, AgentEvent event) {
        return a.connected && a.stream != null && a.stream.send(Json.toBytes(event));
    }

    public void persist(FrameworkEntry f) {
        store.saveFramework(f.id.value(), Json.toBytes(new StoredFramework(f.info, f.registeredTime)));
    }

    public void persist(AgentEntry a) {
        store.saveAgent(a.id.value(), Json.toBytes(new StoredAgent(a.info, a.registeredTime)));
    }

    /** Stores a task's record; the future completes when it is durable (see {@link MasterStore#saveTask}). */
    public java.util.concurrent.CompletableFuture<Void> persist(TaskEntry t) {
        io.strata.api.mesos.Offer.ExecutorInfo executor = t.executorId == null ? null
                : registry.framework(t.frameworkId)
                        .map(f -> f.executors.get(io.strata.master.registry.ExecutorEntry.key(t.agentId,
                                t.executorId.value())))
                        .map(e -> e.info).orElse(null);
        return store.saveTask(t.key, Json.toBytes(new StoredTask(t.frameworkId, t.info, t.latest, t.statuses, executor)));
    }
}
