package io.strata.kubernetes.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Call;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.nodes.AgentNode;
import io.strata.kubernetes.nodes.NodeRegistry;
import io.strata.kubernetes.placement.NodeTerms;
import io.strata.kubernetes.placement.PodPlacer;
import io.strata.kubernetes.pods.PodRun;
import io.strata.kubernetes.pods.PodTasks;
import io.strata.kubernetes.pods.TaskNames;
import io.strata.kubernetes.resources.ResourceType;
import io.strata.kubernetes.store.StoreEvent;
import io.strata.kubernetes.store.Watch;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes framework's Mesos side: subscribes as framework {@code kubernetes} (failover id kept in
 * ZooKeeper, implicit reconciliation on subscribe), registers a Node per agent from offers, places unbound pods on
 * offers a whole batch at a time ({@link PodPlacer}), binds them ({@code pods/binding} semantics), launches each bound
 * pod as one LAUNCH_GROUP on its agent ({@link PodTasks}), turns status updates into pod status ({@link PodRun}),
 * relaunches groups by restart policy with back-off, and kills groups of deleted pods (grace period as kill policy),
 * then removes the pod with grace 0 as upstream's kubelet does.
 *
 * <p>Threading: every state change happens on one loop thread, which decides in memory (a pod placed is bound and
 * launched in the same pass, before its binding is stored); the store writes (bindings, pod status, events,
 * deletions) go through {@link PodWrites}, in order per pod and pipelined across pods, and calls to the master
 * (ACCEPT, KILL, DECLINE, acknowledgements) go out on virtual threads (bounded). Its parts: {@link MasterSubscription}
 * (events in), {@link PendingPods} and {@link PodPlacer} (placement), {@link LaunchQueue} (launches),
 * {@link TaskUpdates} (status updates).
 */
public final class KubernetesScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesScheduler.class);
    /** The framework's name at the master. */
    public static final String FRAMEWORK_NAME = "kubernetes";
    private static final long HOLD_MILLIS = 3_000;
    private static final long TICK_MILLIS = 100;
    private static final Duration ADOPT_WAIT = Duration.ofSeconds(5);
    private static final String COMPONENT = "default-scheduler";

    private final ResourceService service;
    private final NodeRegistry nodes;
    private final InstantSource clock;
    private final ResourceType pods;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("strata-kubernetes-scheduler").daemon().factory());
    private final MasterSubscription subscription;
    private final MasterCalls calls;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Pods waiting for a node, by namespace/name; loop thread only. */
    private final PendingPods unbound = new PendingPods();
    /** Bound pods with their runtime state; loop thread only. */
    private final Map<String, PodRun> runs = new HashMap<>();
    /** Bound pods' current objects; loop thread only. */
    private final Map<String, ObjectNode> bound = new HashMap<>();
    /** Offers held, by agent id (the newest per agent); loop thread only. */
    private final HeldOffers held = new HeldOffers();
    private final Map<String, URI> agentUris = new java.util.concurrent.ConcurrentHashMap<>();
    private final PodWrites writes = new PodWrites();
    private final PodEvents events;
    private final PodStatusWriter statuses;
    private final LaunchQueue launches;
    private final SchedulingWrites decisions;
    private final TaskUpdates updates;
    private volatile Watch watch;
    private boolean reviveSent;
    private long placementSeed = 1;
    private boolean passRequested;

    /**
     * A scheduler; {@link #start()} subscribes.
     *
     * @param master resolves the master's URL (again on each reconnection)
     */
    public KubernetesScheduler(Supplier<URI> master, ResourceService service, FrameworkIdStore ids,
            InstantSource clock) {
        this.service = service;
        this.subscription = new MasterSubscription(master, ids, loop, new MasterEvents());
        this.calls = new MasterCalls(subscription::client, subscription::frameworkId);
        // Node writes go through the pod writes' pipeline (own keys): thousands of new agents do not stall the loop
        this.nodes = new NodeRegistry(service, new io.strata.kubernetes.nodes.MasterAgentCapacities(master),
                (agentId, write) -> writes.submit("\u0000node/" + agentId, write));
        this.clock = clock;
        this.pods = service.catalog().find("v1", "pods").orElseThrow();
        this.events = new PodEvents(service, writes);
        this.statuses = new PodStatusWriter(service, writes, clock, COMPONENT);
        this.launches = new LaunchQueue(runs, bound, new LaunchBuilder(service), statuses, events, calls);
        this.decisions = new SchedulingWrites(writes, statuses, events, COMPONENT);
        this.updates = new TaskUpdates(runs, bound, calls, events, statuses, clock, launches::touch);
    }

    /** Watches pods and subscribes in the background. */
    public void start() {
        watch = service.store().watch("pods", null, 0, e -> loop.execute(() -> onPod(e)));
        loop.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        subscription.start();
    }

    /** Whether the subscription is up. */
    public boolean subscribed() {
        return subscription.subscribed();
    }

    /** The framework id, once subscribed. */
    public Optional<String> frameworkId() {
        FrameworkId id = subscription.frameworkId();
        return id == null ? Optional.empty() : Optional.of(id.value());
    }

    /** The node registry (Node objects per agent). */
    public NodeRegistry nodes() {
        return nodes;
    }

    /**
     * Where the output of a pod's container is ({@code container} null for the first one; {@code previous} for the
     * attempt before the current one); empty when the pod has not been launched.
     */
    public Optional<io.strata.kubernetes.pods.PodLogs.Source> logSource(String namespace, String pod,
            String container, boolean previous) {
        try {
            return loop.submit(() -> {
                PodRun run = runs.get(namespace + "/" + pod);
                ObjectNode object = bound.get(namespace + "/" + pod);
                FrameworkId id = subscription.frameworkId();
                if (run == null || object == null || run.agentId() == null || id == null) {
                    return Optional.<io.strata.kubernetes.pods.PodLogs.Source>empty();
                }
                String c = container != null ? container
                        : object.path("spec").path("containers").path(0).path("name").asText();
                int attempt = previous ? run.attempt() - 1 : run.attempt();
                URI agent = agentUris.get(run.agentId());
                if (attempt < 1 || agent == null) {
                    return Optional.<io.strata.kubernetes.pods.PodLogs.Source>empty();
                }
                return Optional.of(new io.strata.kubernetes.pods.PodLogs.Source(agent, id.value(),
                        TaskNames.of(namespace, pod, attempt, c).taskId()));
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Whether a task of a pod is still running (for {@code logs -f}). */
    public boolean taskAlive(String namespace, String pod, String taskId) {
        try {
            return loop.submit(() -> {
                PodRun run = runs.get(namespace + "/" + pod);
                return run != null && run.liveTasks().contains(taskId);
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    /** The master's events, on the loop. */
    private final class MasterEvents implements MasterSubscription.Events {
        @Override
        public void subscribed(FrameworkId id) {
            reviveSent = false;
            calls.send(Call.reconcile(id, new Call.Reconcile(List.of())));
        }

        @Override
        public void rescind(OfferId offer) {
            held.rescind(offer);
        }

        @Override
        public void update(TaskStatus status) {
            updates.onUpdate(status);
        }

        @Override
        public void agentLost(String agentId) {
            nodes.lost(agentId);
        }

        @Override
        public void streamLost() {
            held.clear();
        }

        @Override
        public void offers(List<Offer> offers) {
            onOffers(offers);
        }
    }

    // ---- pods from the store ----

    /** A pod's {@code namespace/name}. */
    static String key(JsonNode pod) {
        return pod.path("metadata").path("namespace").asText() + "/" + pod.path("metadata").path("name").asText();
    }

    private void onPod(StoreEvent e) {
        try {
            ObjectNode pod = e.object();
            String k = key(pod);
            if (e.type() == StoreEvent.Type.DELETED) {
                unbound.remove(k);
                bound.remove(k);
                PodRun run = runs.remove(k);
                if (run != null) {
                    calls.kill(run, 0);
                }
                return;
            }
            String node = pod.path("spec").path("nodeName").asText("");
            boolean deleting = pod.path("metadata").has("deletionTimestamp");
            if (node.isEmpty()) {
                if (unbound.binding(k)) {
                    return; // placed here already; the stored binding follows
                }
                String scheduler = pod.path("spec").path("schedulerName").asText(COMPONENT);
                if (!deleting && scheduler.equals(COMPONENT) && !terminal(pod)) {
                    unbound.put(k, pod);
                    requestPass();
                }
                return;
            }
            unbound.remove(k);
            bound.put(k, pod);
            PodRun run = runs.get(k);
            if (run == null && !terminal(pod)) {
                run = new PodRun(pod, node);
                runs.put(k, run);
                if (e.type() == StoreEvent.Type.ADDED && pod.path("status").has("startTime")) {
                    // a pod from before a restart: let reconciliation adopt its running group first
                    run.delayLaunch(clock.instant().plus(ADOPT_WAIT));
                }
            }
            if (deleting) {
                if (run == null) {
                    statuses.remove(pod);
                } else if (!run.isDeleting()) {
                    run.deleting();
                    if (run.liveTasks().isEmpty()) {
                        runs.remove(k);
                        statuses.remove(pod);
                    } else {
                        calls.kill(run, pod.path("metadata").path("deletionGracePeriodSeconds").asLong(30));
                    }
                }
            }
            launches.touch(k);
        } catch (RuntimeException ex) {
            LOG.warn("pod event {} failed: {}", e.key(), ex.toString());
        }
    }

    private static boolean terminal(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText();
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    // ---- offers, placement, launches ----

    private void onOffers(List<Offer> offers) {
        long now = System.currentTimeMillis();
        for (Offer offer : offers) {
            AgentNode node = nodes.observe(offer);
            agentUris.put(offer.agentId().value(), io.strata.client.AgentClient.baseUri(offer));
            held.hold(offer, node, now).ifPresent(old -> calls.decline(old, 0));
        }
        reviveSent = false;
        schedule();
    }

    /**
     * Runs a scheduling pass once the loop has handled what is queued now (not at the next tick): pods created
     * together are placed together, and a lone pod does not wait up to a tick.
     */
    private void requestPass() {
        if (!passRequested && !held.isEmpty()) {
            passRequested = true;
            loop.execute(() -> {
                passRequested = false;
                try {
                    schedule();
                } catch (RuntimeException e) {
                    LOG.warn("scheduling pass failed: {}", e.toString());
                }
            });
        }
    }

    private void tick() {
        try {
            schedule();
            for (HeldOffers.Held h : held.expire(System.currentTimeMillis(), HOLD_MILLIS)) {
                calls.decline(h.offer().id(), 1);
            }
            boolean waiting = !unbound.isEmpty() || launches.starved(held, clock.instant());
            if (waiting && subscription.subscribed() && !reviveSent) {
                reviveSent = true;
                calls.send(Call.of(subscription.frameworkId(), Call.Type.REVIVE));
            }
        } catch (RuntimeException e) {
            LOG.warn("scheduling pass failed: {}", e.toString());
        }
    }

    /** Places unbound pods on held offers, binds them, then launches every bound pod whose agent has an offer. */
    private void schedule() {
        if (!subscription.subscribed() || held.isEmpty()) {
            return;
        }
        if (!unbound.isEmpty()) {
            placeUnbound();
        }
        launches.launch(held, clock.instant());
    }

    /**
     * Places every unbound pod on the held offers in one batch; pods that fit nowhere get FailedScheduling once
     * every ready node has an offer held (else a node without an offer now might take them).
     */
    private void placeUnbound() {
        List<NodeTerms> candidates = held.candidates(nodes.taints());
        boolean complete = candidates.size() >= nodes.readyCount();
        PodPlacer.Result result = PodPlacer.place(unbound.terms(), candidates, placementSeed++);
        for (PodPlacer.Placement p : result.placed()) {
            bind(unbound.placed(p.podKey()), held.get(p.node().agentId()).node());
        }
        if (complete) {
            for (PodPlacer.Failure f : result.failed()) {
                if (unbound.failed(f.podKey(), f.message())) {
                    decisions.unschedulable(unbound.get(f.podKey()), f.message());
                }
            }
        }
    }

    /**
     * Binds in memory at once (so the pod launches in this pass) and stores the binding and the Scheduled event
     * behind it; if the binding cannot be stored, the pod's launch is undone and it waits again.
     */
    private void bind(ObjectNode pod, AgentNode node) {
        String k = key(pod);
        ObjectNode boundPod = pod.deepCopy();
        boundPod.with("spec").put("nodeName", node.name());
        bound.put(k, boundPod);
        PodRun run = runs.computeIfAbsent(k, x -> new PodRun(boundPod, node.name()));
        launches.touch(k);
        decisions.bind(k, node.name(), run, () -> loop.execute(() -> bindFailed(k)));
    }

    private void bindFailed(String k) {
        if (!unbound.bindingFailed(k)) {
            return;
        }
        bound.remove(k);
        PodRun run = runs.remove(k);
        if (run != null) {
            calls.kill(run, 0);
        }
        int slash = k.indexOf('/');
        service.store().get(ResourceService.key(pods, k.substring(0, slash), k.substring(slash + 1)))
                .filter(p -> p.path("spec").path("nodeName").asText("").isEmpty()
                        && !p.path("metadata").has("deletionTimestamp"))
                .ifPresent(p -> unbound.put(k, p));
    }

    /** Stops scheduling and ends the subscription (the framework stays registered for failover). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Watch w = watch;
            if (w != null) {
                w.close();
            }
            loop.shutdownNow();
            writes.close();
            subscription.close();
            calls.close();
        }
    }
}
