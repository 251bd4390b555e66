package io.strata.services.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Call;
import io.strata.services.wire.AppWriter;
import io.strata.services.wire.MarathonException;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.Condition;
import io.strata.services.model.Deployment;
import io.strata.services.model.Instance;
import io.strata.services.wire.AppCodec;
import io.strata.services.model.PathId;
import io.strata.services.metrics.FrameworkMetrics;
import io.strata.services.reconcile.Backoff;
import io.strata.services.reconcile.Intents;
import io.strata.services.reconcile.Reconciler;
import io.strata.services.store.ServicesStore;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leading instance's scheduler: one thread owns all mutations of {@link ServicesState} (API commands, offers,
 * status updates, health results, the 1 s tick) and, after each, reconciles the apps they touched with the pure
 * {@link Reconciler} and applies the intents (kills now, launches on the next offers; see {@link OfferHandler}).
 *
 * <p>Lifecycle: {@link #start} loads the state from ZooKeeper and subscribes to the master; on SUBSCRIBED every
 * known instance is reconciled with the master (explicit, then implicit), so instances stored as PROVISIONED whose
 * launch never reached the master come back as TASK_LOST and are replaced, never duplicated. {@link #close} stops
 * the thread and the subscription (tasks keep running for the next leader).
 */
public final class ServicesEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServicesEngine.class);
    private static final long KILL_RETRY_SECONDS = 10;
    private static final long RECONCILE_PERIOD_MILLIS = 50;

    final ServicesState state = new ServicesState();
    final ServicesStore store;
    final EventBus events;
    final Clock clock;
    final String role;
    final FrameworkMetrics metrics = new FrameworkMetrics();
    private final ScheduledExecutorService loop;
    final MesosDriver driver;
    private final HealthMonitor health;
    private final OfferHandler offers;
    private final AppCommands commands;
    private final GroupCommands groupCommands;
    private final TaskUpdates updates = new TaskUpdates(this);
    private final DeploymentSteps steps = new DeploymentSteps(this);
    private final Set<PathId> dirty = new HashSet<>();
    private final Map<PathId, int[]> failures = new HashMap<>();
    private final Map<PathId, Instant> lastFailureAt = new HashMap<>();
    final Map<PathId, Integer> pending = new HashMap<>();
    final Map<String, Instant> killSentAt = new HashMap<>();
    /** Instance changes not yet written: status changes are batched (a failover re-learns them by reconciliation). */
    private final Map<String, Instance> unwritten = new LinkedHashMap<>();
    private final Set<String> unwrittenDeletes = new java.util.LinkedHashSet<>();

    /**
     * An engine (not started).
     *
     * @param store the ZooKeeper state
     * @param events where Marathon events go
     * @param clock the time source
     * @param master resolves the leading master's URL on each (re)connection
     * @param info the FrameworkInfo to subscribe with (its id is replaced by the stored one)
     */
    public ServicesEngine(ServicesStore store, EventBus events, Clock clock, Supplier<URI> master, FrameworkInfo info) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.role = info.role() == null ? "*" : info.role();
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "services-engine");
            t.setDaemon(true);
            return t;
        });
        this.health = new HealthMonitor((taskId, index, passed, at, cause) ->
                post(() -> updates.healthResult(taskId, index, passed, at, cause)));
        this.driver = new MesosDriver(master, info, store, new DriverEvents(), metrics);
        this.offers = new OfferHandler(this);
        this.commands = new AppCommands(this);
        this.groupCommands = new GroupCommands(this, commands);
    }

    /** Loads the stored state and starts the tick and the Mesos subscription. */
    public void start() {
        call(() -> {
            load();
            return null;
        });
        loop.scheduleWithFixedDelay(() -> guarded(this::tick), 1, 1, TimeUnit.SECONDS);
        loop.scheduleWithFixedDelay(() -> guarded(this::flush), 100, 100, TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(() -> guarded(() -> { }), RECONCILE_PERIOD_MILLIS, RECONCILE_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        driver.start();
    }

    /** The state, for reads. */
    public ServicesState state() {
        return state;
    }

    /** This engine's timers and counters ({@code GET /metrics}). */
    public FrameworkMetrics metrics() {
        return metrics;
    }

    /**
     * Chooses how placed instances are stored before their ACCEPTs (default {@link LaunchWrites#PER_AGENT_PIPELINED});
     * benchmarks compare the two in one run.
     */
    public void launchWrites(LaunchWrites mode) {
        call(() -> {
            offers.writes(mode);
            return null;
        });
    }

    /** The store, for reads of stored versions. */
    public ServicesStore storeView() {
        return store;
    }

    /** The commands the API runs on the engine thread. */
    public AppCommands commands() {
        return commands;
    }

    /** The group writes the API runs on the engine thread. */
    public GroupCommands groupCommands() {
        return groupCommands;
    }

    /** The framework id once subscribed, else null. */
    public String frameworkId() {
        FrameworkId id = driver.frameworkId();
        return id == null ? store.frameworkId().orElse(null) : id.value();
    }

    /** Runs {@code task} on the engine thread and waits; a {@link MarathonException} is rethrown as is. */
    public <T> T call(Callable<T> task) {
        Future<T> future = loop.submit(() -> {
            try {
                return task.call();
            } finally {
                reconcileDirty();
            }
        });
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MarathonException.of(503, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Queues {@code task} on the engine thread. The apps it touches are reconciled by the next periodic pass
     * (every {@value #RECONCILE_PERIOD_MILLIS} ms), not after each task: a burst of thousands of status updates
     * then costs one pass instead of one per update.
     */
    void post(Runnable task) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("services engine step failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // shutting down
        }
    }

    /** Runs {@code task} on the engine thread after {@code millis} ms, then reconciles what it touched. */
    void later(long millis, Runnable task) {
        try {
            loop.schedule(() -> guarded(task), millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // shutting down
        }
    }

    private void guarded(Runnable task) {
        try {
            task.run();
            reconcileDirty();
        } catch (RuntimeException e) {
            LOG.error("services engine step failed", e);
        }
    }

    /** Writes the batched instance changes and deletions. */
    private void flush() {
        if (unwritten.isEmpty() && unwrittenDeletes.isEmpty()) {
            return;
        }
        store.writeInstances(List.copyOf(unwritten.values()), List.copyOf(unwrittenDeletes));
        unwritten.clear();
        unwrittenDeletes.clear();
    }

    /** Marks an app for reconciliation after the current step. */
    void touch(PathId id) {
        dirty.add(id);
    }

    private void load() {
        for (JsonNode json : store.apps()) {
            AppDefinition app = AppCodec.fromStored(json);
            state.apps.put(app.id(), app);
        }
        for (Instance stored : store.instances()) {
            AppDefinition app = state.apps.get(stored.appId());
            // health is learned again (probes of framework-run checks, reconciliation for agent-run ones): a
            // stored verdict may be stale either way, since health changes are not written
            Instance instance = app != null && app.hasHealthChecks() ? stored.withoutHealth() : stored;
            state.instances.put(instance.taskId(), instance);
            if (!state.apps.containsKey(instance.appId())) {
                state.stopping.putIfAbsent(instance.appId(), AppCodec.placeholder(instance.appId()));
            }
        }
        store.groups().forEach(id -> state.groups.add(PathId.parse(id)));
        for (JsonNode json : store.deployments()) {
            Deployment deployment = AppCodec.deploymentFromStored(json);
            state.deployments.put(deployment.id(), deployment);
        }
        state.apps.keySet().forEach(this::touch);
        state.stopping.keySet().forEach(this::touch);
        LOG.info("loaded {} apps, {} instances, {} deployments", state.apps.size(), state.instances.size(),
                state.deployments.size());
    }

    private void tick() {
        Instant now = clock.instant();
        state.apps.keySet().forEach(this::touch);
        state.stopping.keySet().forEach(this::touch);
        Map<PathId, List<Instance>> byApp = state.instancesByApp();
        for (AppDefinition app : state.apps.values()) {
            health.tick(app, byApp.getOrDefault(app.id(), List.of()), now);
        }
        for (Instance instance : state.instances.values()) {
            Instant sent = killSentAt.get(instance.taskId());
            if (instance.killRequestedAt() != null && (sent == null || sent.plusSeconds(KILL_RETRY_SECONDS).isBefore(now))) {
                sendKill(instance);
            }
        }
    }

    /** Reconciles every touched app and applies the intents. */
    void reconcileDirty() {
        if (dirty.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        Map<PathId, List<Instance>> byApp = state.instancesByApp();
        for (PathId id : List.copyOf(dirty)) {
            reconcile(id, byApp.getOrDefault(id, List.of()), now);
        }
        dirty.clear();
        metrics.timer(FrameworkMetrics.RECONCILE_PASS).since(started);
        if (offers.declinedIdle() && pending.values().stream().anyMatch(n -> n > 0)) {
            // offers were declined for long while nothing waited: ask for them again
            offers.revived();
            driver.call(fid -> Call.of(fid, Call.Type.REVIVE));
        }
    }

    private void reconcile(PathId id, List<Instance> instances, Instant now) {
        AppDefinition app = state.apps.get(id);
        Deployment deployment = state.deploymentOf(id);
        if (app == null && !state.stopping.containsKey(id)) {
            pending.remove(id);
            state.queue.remove(id);
            return;
        }
        boolean upgrading = deployment != null && deployment.isUpgrade();
        Instant allowed = app == null ? Instant.MIN
                : Backoff.launchAllowedAt(app, failures.getOrDefault(id, new int[1])[0], lastFailureAt.get(id));
        Intents intents = Reconciler.reconcile(app, instances, upgrading, allowed, now);
        for (String taskId : intents.expunges()) {
            Instance instance = state.instances.get(taskId);
            if (instance != null) {
                LOG.info("expunging {}: unreachable since {}", taskId, instance.unreachableSince());
                expunge(instance);
            }
        }
        for (Intents.Kill kill : intents.kills()) {
            Instance instance = state.instances.get(kill.taskId());
            if (instance != null && instance.killRequestedAt() == null) {
                requestKill(instance, kill.reason());
            }
        }
        if (app == null) {
            pending.remove(id);
        } else {
            pending.put(id, intents.launch());
            updateQueue(app, intents, allowed, now);
        }
        if (deployment != null) {
            steps.progress(deployment, intents);
        } else if (app == null && intents.converged()) {
            state.stopping.remove(id);
            pending.remove(id);
        }
    }

    private void updateQueue(AppDefinition app, Intents intents, Instant allowed, Instant now) {
        ServicesState.QueueStatus old = state.queue.get(app.id());
        boolean delayed = allowed.isAfter(now) && !intents.converged();
        int waiting = intents.launch() + (delayed ? Math.max(0, app.instances() - activeCount(app.id())) : 0);
        if (waiting == 0 && !delayed) {
            state.queue.remove(app.id());
            return;
        }
        state.queue.put(app.id(), old == null
                ? new ServicesState.QueueStatus(waiting, delayed ? allowed : null, now, Map.of(), 0, 0, null, null)
                : new ServicesState.QueueStatus(waiting, delayed ? allowed : null, old.since(), old.reasons(),
                        old.processedOffers(), old.unusedOffers(), old.lastUnusedOfferAt(), old.lastUsedOfferAt()));
    }

    private int activeCount(PathId id) {
        return (int) state.instances.values().stream().filter(i -> i.appId().equals(id) && i.isActive()).count();
    }

    /** Ends a deployment: removes it and publishes {@code deployment_success} or {@code deployment_failed}. */
    void finish(Deployment deployment, boolean success) {
        steps.finish(deployment, success);
    }

    /** Marks an instance for killing, stores that and sends KILL. */
    void requestKill(Instance instance, Intents.Reason reason) {
        Instance marked = instance.withKillRequested(clock.instant());
        state.instances.put(marked.taskId(), marked);
        unwritten.put(marked.taskId(), marked);
        if (reason == Intents.Reason.UNHEALTHY) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("appId", instance.appId().toString());
            event.put("taskId", instance.taskId());
            event.put("version", AppWriter.time(instance.version()));
            event.put("reason", "max consecutive health check failures reached");
            event.put("host", instance.host());
            event.put("slaveId", instance.agentId());
            events.publish("unhealthy_task_kill_event", event);
        }
        if (marked.condition() == Condition.PROVISIONED && marked.agentId() == null) {
            expunge(marked);
            return;
        }
        sendKill(marked);
    }

    private void sendKill(Instance instance) {
        killSentAt.put(instance.taskId(), clock.instant());
        AgentId agent = instance.agentId() == null ? null : new AgentId(instance.agentId());
        driver.call(fid -> Call.kill(fid, new Call.Kill(new TaskId(instance.taskId()), agent, null)));
    }

    /** Sends an ACCEPT or DECLINE (used by the offer handler). */
    void send(java.util.function.Function<FrameworkId, Call> call) {
        driver.call(call);
    }

    private void subscribed() {
        offers.forgetHeld();
        List<Call.Reconcile.ReconcileTask> tasks = new ArrayList<>();
        for (Instance instance : state.instances.values()) {
            tasks.add(new Call.Reconcile.ReconcileTask(new TaskId(instance.taskId()),
                    instance.agentId() == null ? null : new AgentId(instance.agentId())));
        }
        if (!tasks.isEmpty()) {
            driver.call(fid -> Call.reconcile(fid, new Call.Reconcile(tasks)));
        }
        driver.call(fid -> Call.reconcile(fid, new Call.Reconcile(List.of())));
        events.publish("scheduler_registered_event", Map.of("frameworkId", String.valueOf(frameworkId()),
                "master", ""));
    }

    /** Counts a failed task of {@code id} for its launch backoff. */
    void countFailure(PathId id, Instant at) {
        failures.computeIfAbsent(id, key -> new int[1])[0]++;
        lastFailureAt.put(id, at);
    }

    /** Queues an instance's new state for the next batched write. */
    void stage(Instance instance) {
        unwritten.put(instance.taskId(), instance);
    }

    /** Forgets a terminal instance (Marathon expunges terminal tasks at once). */
    void expunge(Instance instance) {
        state.instances.remove(instance.taskId());
        killSentAt.remove(instance.taskId());
        health.forget(instance.taskId());
        unwritten.remove(instance.taskId());
        unwrittenDeletes.add(instance.taskId());
        touch(instance.appId());
    }

    /** Resets an app's launch backoff (new config version, or {@code DELETE /v2/queue/{id}/delay}). */
    void resetBackoff(PathId id) {
        failures.remove(id);
        lastFailureAt.remove(id);
        touch(id);
    }

    /** Whether the Mesos subscription is up. */
    public boolean connected() {
        return driver.connected();
    }

    @Override
    public void close() {
        driver.close();
        health.close();
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands the driver's events to the engine thread. */
    private final class DriverEvents implements MesosDriver.Handler {
        @Override
        public void subscribed(FrameworkId id) {
            post(ServicesEngine.this::subscribed);
        }

        @Override
        public void offers(List<Offer> list) {
            long arrived = System.nanoTime();
            metrics.count("strata.services.offers.received", list.size());
            post(() -> {
                reconcileDirty();
                offers.offered(list, arrived);
            });
        }

        @Override
        public void rescinded(OfferId id) {
            // offers are used or declined as soon as they arrive: nothing is held
        }

        @Override
        public void update(TaskStatus status) {
            long arrived = System.nanoTime();
            post(() -> {
                long started = System.nanoTime();
                metrics.timer(FrameworkMetrics.UPDATE_QUEUED).record(started - arrived);
                updates.update(status);
                metrics.timer(FrameworkMetrics.UPDATE_HANDLING).since(started);
            });
        }

        @Override
        public void disconnected(String why) {
            events.publish("scheduler_disconnected_event", Map.of("message", why));
        }
    }

    /** The terminal states counting as a completed kill. */
    static boolean killComplete(TaskState state) {
        return state.isTerminal();
    }
}
