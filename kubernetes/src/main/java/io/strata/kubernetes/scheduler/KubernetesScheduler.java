package io.strata.kubernetes.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.DurationInfo;
import io.strata.api.mesos.Filters;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.KillPolicy;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.scheduler.Call;
import io.strata.api.scheduler.Event;
import io.strata.client.EventListener;
import io.strata.client.HttpTransport;
import io.strata.client.SchedulerClient;
import io.strata.client.StrataClientException;
import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import io.strata.kubernetes.apiserver.ApiError;
import io.strata.kubernetes.apiserver.RequestOptions;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.apiserver.Subresources;
import io.strata.kubernetes.nodes.AgentNode;
import io.strata.kubernetes.nodes.NodeRegistry;
import io.strata.kubernetes.placement.NodeTerms;
import io.strata.kubernetes.placement.PodPlacer;
import io.strata.kubernetes.placement.PodTerms;
import io.strata.kubernetes.pods.ContainerResources;
import io.strata.kubernetes.pods.PodRun;
import io.strata.kubernetes.pods.PodTasks;
import io.strata.kubernetes.pods.TaskNames;
import io.strata.kubernetes.resources.ResourceType;
import io.strata.kubernetes.store.StoreEvent;
import io.strata.kubernetes.store.Watch;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes framework's Mesos side: subscribes as framework {@code kubernetes} (failover id kept in
 * ZooKeeper, implicit reconciliation on subscribe), registers a Node per agent from offers, places unbound pods on
 * offers a whole batch at a time ({@link PodPlacer}), binds them ({@code pods/binding} semantics), launches each bound
 * pod as one
 * LAUNCH_GROUP on its agent ({@link PodTasks}), turns status updates into pod status ({@link PodRun}), relaunches
 * groups by restart policy with back-off, and kills groups of deleted pods (grace period as kill policy), then
 * removes the pod with grace 0 as upstream's kubelet does.
 *
 * <p>Threading: every state change happens on one loop thread, which decides in memory (a pod placed is bound and
 * launched in the same pass, before its binding is stored); the store writes (bindings, pod status, events,
 * deletions) go through {@link PodWrites}, in order per pod and pipelined across pods, and calls to the master
 * (ACCEPT, KILL, DECLINE, acknowledgements) go out on virtual threads (bounded).
 */
public final class KubernetesScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesScheduler.class);
    /** The framework's name at the master. */
    public static final String FRAMEWORK_NAME = "kubernetes";
    private static final double FAILOVER_TIMEOUT_SECONDS = 604_800;
    private static final long HOLD_MILLIS = 3_000;
    private static final long TICK_MILLIS = 100;
    private static final Duration ADOPT_WAIT = Duration.ofSeconds(5);
    private static final String COMPONENT = "default-scheduler";

    /** An offer held for pods to come. */
    private record Held(Offer offer, AgentNode node, long receivedMillis, double[] free) {
    }

    private final Supplier<URI> master;
    private final ResourceService service;
    private final Subresources subresources;
    private final FrameworkIdStore ids;
    private final NodeRegistry nodes;
    private final InstantSource clock;
    private final ResourceType pods;
    private final ResourceType events;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("strata-kubernetes-scheduler").daemon().factory());
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(128);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Pods waiting for a node, by namespace/name; loop thread only. */
    private final Map<String, ObjectNode> unbound = new LinkedHashMap<>();
    /** Last FailedScheduling message per pod, so that a repeated reason is not re-recorded; loop thread only. */
    private final Map<String, String> lastFailure = new HashMap<>();
    /** Bound pods with their runtime state; loop thread only. */
    private final Map<String, PodRun> runs = new HashMap<>();
    /** Bound pods' current objects; loop thread only. */
    private final Map<String, ObjectNode> bound = new HashMap<>();
    /** Offers held, by agent id (the newest per agent); loop thread only. */
    private final Map<String, Held> held = new LinkedHashMap<>();
    private final Map<String, URI> agentUris = new java.util.concurrent.ConcurrentHashMap<>();
    /** Pods placed whose binding is not yet stored: their events without a node are stale; loop thread only. */
    private final java.util.Set<String> binding = new java.util.HashSet<>();
    private final PodWrites writes = new PodWrites();
    private volatile SchedulerClient client;
    private volatile FrameworkId frameworkId;
    private volatile boolean subscribed;
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
        this.master = master;
        this.service = service;
        this.subresources = new Subresources(service);
        this.ids = ids;
        // Node writes go through the pod writes' pipeline (own keys): thousands of new agents do not stall the loop
        this.nodes = new NodeRegistry(service, new io.strata.kubernetes.nodes.MasterAgentCapacities(master),
                (agentId, write) -> writes.submit("\u0000node/" + agentId, write));
        this.clock = clock;
        this.pods = service.catalog().find("v1", "pods").orElseThrow();
        this.events = service.catalog().find("v1", "events").orElseThrow();
    }

    /** Watches pods and subscribes in the background. */
    public void start() {
        watch = service.store().watch("pods", null, 0, e -> loop.execute(() -> onPod(e)));
        loop.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        calls.execute(this::subscribeWithRetry);
    }

    /** Whether the subscription is up. */
    public boolean subscribed() {
        return subscribed;
    }

    /** The framework id, once subscribed. */
    public Optional<String> frameworkId() {
        FrameworkId id = frameworkId;
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
                FrameworkId id = frameworkId;
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

    // ---- subscription ----

    private void subscribeWithRetry() {
        long backoff = 250;
        while (!closed.get()) {
            try {
                subscribeOnce();
                return;
            } catch (RuntimeException e) {
                LOG.warn("cannot subscribe to the master ({}); retrying in {} ms", e.getMessage(), backoff);
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, 10_000);
        }
    }

    private void subscribeOnce() {
        if (frameworkId == null) {
            ids.get().ifPresent(id -> frameworkId = new FrameworkId(id));
        }
        SchedulerClient next = new SchedulerClient(master.get(), HttpTransport.create());
        FrameworkInfo info = new FrameworkInfo("root", FRAMEWORK_NAME, frameworkId, FAILOVER_TIMEOUT_SECONDS, true,
                "*", null, null, null, List.of(), null);
        client = next;
        next.subscribe(info, new EventListener() {
            @Override
            public void onEvent(Event event) {
                handle(next, event);
            }

            @Override
            public void onStreamEnded(StrataClientException cause) {
                if (closed.get() || client != next) {
                    return;
                }
                subscribed = false;
                LOG.warn("scheduler stream lost ({}); resubscribing", cause == null ? "ended" : cause.getMessage());
                loop.execute(held::clear);
                next.close();
                calls.execute(KubernetesScheduler.this::subscribeWithRetry);
            }
        });
    }

    private void handle(SchedulerClient source, Event event) {
        if (closed.get()) {
            return;
        }
        switch (event.type()) {
            case SUBSCRIBED -> loop.execute(() -> onSubscribed(event.subscribed().frameworkId()));
            case OFFERS -> loop.execute(() -> onOffers(event.offers().offers()));
            case RESCIND -> loop.execute(() -> held.values().removeIf(h -> h.offer().id().equals(
                    event.rescind().offerId())));
            case UPDATE -> loop.execute(() -> onUpdate(event.update().status()));
            case FAILURE -> {
                if (event.failure().agentId() != null && event.failure().executorId() == null) {
                    loop.execute(() -> nodes.lost(event.failure().agentId().value()));
                }
            }
            case ERROR -> {
                LOG.error("master sent ERROR: {}; subscribing as a new framework",
                        event.error() == null ? "" : event.error().message());
                frameworkId = null;
                source.close();
                calls.execute(this::subscribeWithRetry);
            }
            default -> {
                // heartbeats need nothing
            }
        }
    }

    private void onSubscribed(FrameworkId id) {
        frameworkId = id;
        subscribed = true;
        reviveSent = false;
        try {
            ids.put(id.value());
        } catch (RuntimeException e) {
            LOG.warn("cannot store the framework id: {}", e.getMessage());
        }
        LOG.info("subscribed as framework {} ({})", id.value(), FRAMEWORK_NAME);
        send(Call.reconcile(id, new Call.Reconcile(List.of())));
    }

    // ---- pods from the store ----

    private static String key(JsonNode pod) {
        return pod.path("metadata").path("namespace").asText() + "/" + pod.path("metadata").path("name").asText();
    }

    private void onPod(StoreEvent e) {
        try {
            ObjectNode pod = e.object();
            String k = key(pod);
            if (e.type() == StoreEvent.Type.DELETED) {
                unbound.remove(k);
                binding.remove(k);
                lastFailure.remove(k);
                bound.remove(k);
                PodRun run = runs.remove(k);
                if (run != null) {
                    kill(run, 0);
                }
                return;
            }
            String node = pod.path("spec").path("nodeName").asText("");
            boolean deleting = pod.path("metadata").has("deletionTimestamp");
            if (node.isEmpty()) {
                if (binding.contains(k)) {
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
            binding.remove(k);
            lastFailure.remove(k);
            bound.put(k, pod);
            PodRun run = runs.get(k);
            if (run == null && !terminal(pod)) {
                Optional<AgentNode> n = nodeNamed(node);
                run = new PodRun(pod, n.map(AgentNode::name).orElse(node));
                runs.put(k, run);
                if (e.type() == StoreEvent.Type.ADDED && pod.path("status").has("startTime")) {
                    // a pod from before a restart: let reconciliation adopt its running group first
                    run.delayLaunch(clock.instant().plus(ADOPT_WAIT));
                }
            }
            if (deleting) {
                if (run == null) {
                    finishDelete(pod);
                } else if (!run.isDeleting()) {
                    run.deleting();
                    if (run.liveTasks().isEmpty()) {
                        runs.remove(k);
                        finishDelete(pod);
                    } else {
                        kill(run, pod.path("metadata").path("deletionGracePeriodSeconds").asLong(30));
                    }
                }
            }
        } catch (RuntimeException ex) {
            LOG.warn("pod event {} failed: {}", e.key(), ex.toString());
        }
    }

    private static boolean terminal(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText();
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    private Optional<AgentNode> nodeNamed(String name) {
        for (Held h : held.values()) {
            if (h.node().name().equals(name)) {
                return Optional.of(h.node());
            }
        }
        return Optional.empty();
    }

    private void finishDelete(JsonNode pod) {
        String k = key(pod);
        writes.submit(k, () -> {
            try {
                service.delete(pods, pod.path("metadata").path("namespace").asText(),
                        pod.path("metadata").path("name").asText(), "Background", 0, false, 0);
            } catch (ApiError e) {
                if (e.code() != 404) {
                    LOG.warn("cannot delete pod {}: {}", k, e.getMessage());
                }
            }
        });
    }

    // ---- offers, placement, launches ----

    private void onOffers(List<Offer> offers) {
        long now = System.currentTimeMillis();
        for (Offer offer : offers) {
            AgentNode node = nodes.observe(offer);
            agentUris.put(offer.agentId().value(), io.strata.client.AgentClient.baseUri(offer));
            Held old = held.put(offer.agentId().value(), new Held(offer, node, now, free(offer)));
            if (old != null) {
                decline(old.offer().id(), 0);
            }
        }
        reviveSent = false;
        schedule();
    }

    private static double[] free(Offer offer) {
        double cpus = 0;
        double mem = 0;
        for (io.strata.api.mesos.Resource r : offer.resources()) {
            if (r.scalar() != null && r.name().equals("cpus")) {
                cpus += r.scalar().value();
            } else if (r.scalar() != null && r.name().equals("mem")) {
                mem += r.scalar().value();
            }
        }
        return new double[] {cpus, mem};
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
            long now = System.currentTimeMillis();
            for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
                Held h = it.next();
                if (now - h.receivedMillis() > HOLD_MILLIS) {
                    it.remove();
                    decline(h.offer().id(), 1);
                }
            }
            boolean waiting = !unbound.isEmpty() || runs.values().stream().anyMatch(r -> r.wantsLaunch()
                    && !r.notBefore().isAfter(clock.instant()) && heldOn(r.nodeName()) == null);
            if (waiting && subscribed && !reviveSent) {
                reviveSent = true;
                send(Call.of(frameworkId, Call.Type.REVIVE));
            }
        } catch (RuntimeException e) {
            LOG.warn("scheduling pass failed: {}", e.toString());
        }
    }

    private Map<String, Held> heldByNode() {
        Map<String, Held> out = new HashMap<>(held.size() * 2);
        for (Held h : held.values()) {
            out.put(h.node().name(), h);
        }
        return out;
    }

    private Held heldOn(String nodeName) {
        for (Held h : held.values()) {
            if (h.node().name().equals(nodeName)) {
                return h;
            }
        }
        return null;
    }

    /** Places unbound pods on held offers, binds them, then launches every bound pod whose agent has an offer. */
    private void schedule() {
        if (!subscribed || held.isEmpty()) {
            return;
        }
        if (!unbound.isEmpty()) {
            placeUnbound();
        }
        Map<String, List<ObjectNode>> launches = new LinkedHashMap<>();
        Instant now = clock.instant();
        Map<String, Held> byNode = null;
        for (Map.Entry<String, PodRun> e : runs.entrySet()) {
            PodRun run = e.getValue();
            ObjectNode pod = bound.get(e.getKey());
            if (pod == null || !run.wantsLaunch() || run.notBefore().isAfter(now)) {
                continue;
            }
            if (byNode == null) {
                byNode = heldByNode(); // one index per pass, not a scan of the offers per pod
            }
            Held h = byNode.get(run.nodeName());
            if (h == null) {
                continue;
            }
            ContainerResources need = ContainerResources.ofPod(pod);
            if (need.cpus() > h.free()[0] + 1e-9 || need.memMb() > h.free()[1] + 1e-9) {
                continue;
            }
            h.free()[0] -= need.cpus();
            h.free()[1] -= need.memMb();
            launches.computeIfAbsent(h.node().agentId(), a -> new ArrayList<>()).add(pod);
        }
        for (Map.Entry<String, List<ObjectNode>> e : launches.entrySet()) {
            Held h = held.remove(e.getKey());
            launch(h, e.getValue(), now);
        }
    }

    /**
     * Places every unbound pod on the held offers in one batch; pods that fit nowhere get FailedScheduling once
     * every ready node has an offer held (else a node without an offer now might take them).
     */
    private void placeUnbound() {
        Map<String, List<NodeTerms.Taint>> taints = nodes.taints();
        List<NodeTerms> candidates = new ArrayList<>(held.size());
        for (Held h : held.values()) {
            candidates.add(terms(h, taints.getOrDefault(h.node().name(), List.of())));
        }
        boolean complete = candidates.size() >= nodes.readyCount();
        List<PodTerms> pending = new ArrayList<>(unbound.size());
        for (ObjectNode pod : unbound.values()) {
            pending.add(PodTerms.of(pod));
        }
        PodPlacer.Result result = PodPlacer.place(pending, candidates, placementSeed++);
        for (PodPlacer.Placement p : result.placed()) {
            ObjectNode pod = unbound.remove(p.podKey());
            lastFailure.remove(p.podKey());
            bind(pod, held.get(p.node().agentId()).node());
        }
        if (complete) {
            for (PodPlacer.Failure f : result.failed()) {
                if (!f.message().equals(lastFailure.put(f.podKey(), f.message()))) {
                    unschedulable(unbound.get(f.podKey()), f.message());
                }
            }
        }
    }

    /** A held offer as placement sees it: free now, total from the node (public agents' resources in their role). */
    private static NodeTerms terms(Held h, List<NodeTerms.Taint> taints) {
        AgentNode n = h.node();
        String role = n.publicRole() ? AgentNode.PUBLIC_ROLE : "*";
        Resources free = Resources.of(Resource.scalar(Resource.CPUS, role, Math.max(0, h.free()[0])),
                Resource.scalar(Resource.MEM, role, Math.max(0, h.free()[1])));
        Resources total = Resources.of(Resource.scalar(Resource.CPUS, role, Math.max(n.cpus(), h.free()[0])),
                Resource.scalar(Resource.MEM, role, Math.max(n.memMb(), h.free()[1])));
        return new NodeTerms(n.agentId(), n.name(), n.labels(), taints, n.publicRole(), free, total);
    }

    /**
     * Binds in memory at once (so the pod launches in this pass) and stores the binding and the Scheduled event
     * behind it; if the binding cannot be stored, the pod's launch is undone and it waits again.
     */
    private void bind(ObjectNode pod, AgentNode node) {
        String ns = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        String k = key(pod);
        ObjectNode boundPod = pod.deepCopy();
        boundPod.with("spec").put("nodeName", node.name());
        bound.put(k, boundPod);
        PodRun run = runs.computeIfAbsent(k, x -> new PodRun(boundPod, node.name()));
        binding.add(k);
        writes.submit(k, () -> {
            try {
                ObjectNode stored = storeBinding(ns, name, node.name(), run);
                recordEvent(eventObject(stored, "Normal", "Scheduled", "Successfully assigned " + ns + "/" + name
                        + " to " + node.name(), COMPONENT));
            } catch (ApiError e) {
                LOG.info("cannot bind {}/{}: {}", ns, name, e.getMessage());
                loop.execute(() -> bindFailed(k));
            }
        });
    }

    private void bindFailed(String k) {
        if (!binding.remove(k)) {
            return;
        }
        bound.remove(k);
        PodRun run = runs.remove(k);
        if (run != null) {
            kill(run, 0);
        }
        int slash = k.indexOf('/');
        service.store().get(ResourceService.key(pods, k.substring(0, slash), k.substring(slash + 1)))
                .filter(p -> p.path("spec").path("nodeName").asText("").isEmpty()
                        && !p.path("metadata").has("deletionTimestamp"))
                .ifPresent(p -> unbound.put(k, p));
    }

    private void launch(Held h, List<ObjectNode> group, Instant now) {
        List<Offer.Operation> operations = new ArrayList<>();
        io.strata.kubernetes.pods.PortPool ports = io.strata.kubernetes.pods.PortPool.of(h.offer());
        for (ObjectNode pod : group) {
            PodRun run = runs.get(key(pod));
            try {
                int attempt = run.attempt() + 1;
                JsonNode spec = run.groupSpec(pod); // the next init container, or the app containers
                var mapped = io.strata.kubernetes.pods.HostPorts.allocate(spec, ports);
                List<TaskInfo> tasks = PodTasks.tasks(spec, attempt, h.offer().agentId(), h.node().name(),
                        (resource, ns, name) -> {
                            ResourceType t = service.catalog().find("v1", resource).orElseThrow();
                            return service.store().get(ResourceService.key(t, ns, name)).map(o -> o);
                        });
                run.launching(h.offer().agentId().value(), now);
                run.hostPorts(mapped);
                operations.add(new Offer.Operation(Offer.Operation.Type.LAUNCH_GROUP, null,
                        new Offer.Operation.LaunchGroup(PodTasks.executor(spec, attempt, mapped),
                                new Offer.TaskGroupInfo(tasks))));
            } catch (PodTasks.ConfigError e) {
                run.launchFailed(e.waitingReason(), e.getMessage(), now);
                event(pod, "Warning", e.eventReason(), e.eventMessage(), "kubelet");
            }
            writeStatus(pod, run);
        }
        FrameworkId id = frameworkId;
        if (operations.isEmpty()) {
            decline(h.offer().id(), 0);
            return;
        }
        async(() -> client.call(Call.accept(id, new Call.Accept(List.of(h.offer().id()), operations,
                new Filters(0.0)))));
    }

    // ---- status updates ----

    private void onUpdate(TaskStatus status) {
        try {
            Optional<TaskNames> names = TaskNames.parse(status.taskId().value());
            if (names.isPresent()) {
                String k = names.get().namespace() + "/" + names.get().pod();
                PodRun run = runs.get(k);
                ObjectNode pod = bound.get(k);
                if (run == null || pod == null) {
                    if (!status.state().isTerminal()) {
                        kill(status.taskId(), status.agentId(), 0); // a pod that no longer exists
                    }
                } else {
                    if (run.attempt() < names.get().attempt() && !status.state().isTerminal()) {
                        run.adopt(names.get().attempt(), status.agentId() == null ? null
                                : status.agentId().value());
                    }
                    apply(k, run, pod, status);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("status update {} failed: {}", status.taskId().value(), e.toString());
        } finally {
            if (status.uuid() != null && status.agentId() != null) {
                FrameworkId id = frameworkId;
                async(() -> client.call(Call.acknowledge(id, new Call.Acknowledge(status.agentId(),
                        status.taskId(), status.uuid()))));
            }
        }
    }

    private void apply(String k, PodRun run, ObjectNode pod, TaskStatus status) {
        Instant now = clock.instant();
        run.probeFailure(status).ifPresent(m -> event(pod, "Warning", "Unhealthy", m, "kubelet"));
        PodRun.Next next = run.apply(status, now);
        switch (next) {
            case KILL_GROUP -> kill(run, 0);
            case DONE -> {
                if (run.isDeleting()) {
                    runs.remove(k);
                    finishDelete(pod);
                    return;
                }
            }
            case RELAUNCH -> {
                if (run.notBefore().isAfter(now)) {
                    event(pod, "Warning", "BackOff", "Back-off restarting failed container", "kubelet");
                }
            }
            default -> {
            }
        }
        if (!run.isDeleting()) {
            writeStatus(pod, run);
        }
    }

    private void writeStatus(ObjectNode pod, PodRun run) {
        String ns = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        ObjectNode computed = run.status(pod, clock.instant());
        writes.status(ns + "/" + name, computed, status -> storeStatus(ns, name, status, run));
    }

    /** Stores a pod's status (on a {@link PodWrites} thread). */
    private void storeStatus(String ns, String name, ObjectNode status, PodRun run) {
        try {
            service.modify(pods, ns, name, o -> withStatus(o, status, run));
        } catch (ApiError e) {
            if (e.code() != 404) {
                LOG.warn("cannot write the status of {}/{}: {}", ns, name, e.getMessage());
            }
        }
    }

    /** The pod {@code o} with {@code status}, keeping the times of conditions whose status did not change. */
    private static ObjectNode withStatus(ObjectNode o, ObjectNode status, PodRun run) {
        ObjectNode merged = status.deepCopy();
        JsonNode old = o.path("status");
        // keep the times of conditions whose status did not change, as upstream
        for (JsonNode c : merged.path("conditions")) {
            for (JsonNode p : old.path("conditions")) {
                if (p.path("type").equals(c.path("type")) && p.path("status").equals(c.path("status"))) {
                    ((ObjectNode) c).set("lastTransitionTime", p.path("lastTransitionTime"));
                }
            }
        }
        o.set("status", merged);
        run.hostPorts().annotate(o); // where the endpoints controller and the service proxy reach it
        return o;
    }

    /**
     * Stores a binding together with the pod's newest waiting status (its launch usually follows the placement in
     * the same pass): one write instead of two. 409 when the pod is already bound, as {@code pods/binding}.
     */
    private ObjectNode storeBinding(String ns, String name, String node, PodRun run) {
        ObjectNode status = writes.takeStatus(ns + "/" + name);
        if (status == null) {
            return subresources.bind(ns, name, node, RequestOptions.of(COMPONENT));
        }
        return service.modify(pods, ns, name, o -> {
            String current = o.path("spec").path("nodeName").asText("");
            if (!current.isEmpty()) {
                throw ApiError.conflict(pods, name, "pod " + name + " is already assigned to node \"" + current
                        + "\"");
            }
            o.with("spec").put("nodeName", node);
            return withStatus(o, status, run);
        });
    }

    // ---- unschedulable ----

    private void unschedulable(ObjectNode pod, String message) {
        ObjectNode event = eventObject(pod, "Warning", "FailedScheduling", message, COMPONENT);
        writes.submit(key(pod), () -> storeUnschedulable(pod, message, event));
    }

    private void storeUnschedulable(ObjectNode pod, String message, ObjectNode event) {
        String ns = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        try {
            service.modify(pods, ns, name, o -> {
                ObjectNode status = o.with("status");
                status.put("phase", "Pending");
                com.fasterxml.jackson.databind.node.ArrayNode conditions = status.putArray("conditions");
                conditions.addObject().put("type", "PodScheduled").put("status", "False").putNull("lastProbeTime")
                        .put("lastTransitionTime", service.now()).put("reason", "Unschedulable")
                        .put("message", message);
                return o;
            });
        } catch (ApiError e) {
            return;
        }
        recordEvent(event);
    }

    /** Records an event about a pod, off the loop. */
    private void event(JsonNode pod, String type, String reason, String message, String component) {
        ObjectNode ev = eventObject(pod, type, reason, message, component);
        writes.any(() -> recordEvent(ev));
    }

    private ObjectNode eventObject(JsonNode pod, String type, String reason, String message, String component) {
        ObjectNode ev = JsonNodeFactory.instance.objectNode();
        ev.put("apiVersion", "v1").put("kind", "Event");
        String ns = pod.path("metadata").path("namespace").asText();
        String name = pod.path("metadata").path("name").asText();
        ev.putObject("metadata").put("name", name + "." + Long.toHexString(System.nanoTime()))
                .put("namespace", ns);
        ev.putObject("involvedObject").put("kind", "Pod").put("namespace", ns).put("name", name)
                .put("uid", pod.path("metadata").path("uid").asText()).put("apiVersion", "v1")
                .put("resourceVersion", pod.path("metadata").path("resourceVersion").asText());
        ev.put("reason", reason).put("message", message).put("type", type);
        ev.putObject("source").put("component", component);
        String now = service.now();
        ev.put("firstTimestamp", now).put("lastTimestamp", now).put("count", 1);
        ev.put("reportingComponent", component).put("reportingInstance", "");
        return ev;
    }

    private void recordEvent(ObjectNode ev) {
        String ns = ev.path("metadata").path("namespace").asText();
        try {
            service.create(events, ns, ev, RequestOptions.of(ev.path("source").path("component").asText()));
        } catch (ApiError e) {
            LOG.debug("cannot record event {} in {}: {}", ev.path("reason").asText(), ns, e.getMessage());
        }
    }

    // ---- calls ----

    private void kill(PodRun run, long graceSeconds) {
        AgentId agent = run.agentId() == null ? null : new AgentId(run.agentId());
        for (String task : run.liveTasks()) {
            kill(new TaskId(task), agent, graceSeconds);
        }
    }

    private void kill(TaskId task, AgentId agent, long graceSeconds) {
        FrameworkId id = frameworkId;
        if (id == null) {
            return;
        }
        KillPolicy policy = new KillPolicy(new DurationInfo(graceSeconds * 1_000_000_000L));
        async(() -> client.call(Call.kill(id, new Call.Kill(task, agent, policy))));
    }

    private void decline(OfferId offer, double refuseSeconds) {
        FrameworkId id = frameworkId;
        async(() -> client.call(Call.decline(id, new Call.Decline(List.of(offer), new Filters(refuseSeconds)))));
    }

    private void send(Call call) {
        async(() -> client.call(call));
    }

    private void async(Runnable call) {
        if (closed.get()) {
            return;
        }
        // the permit is taken on the call's own thread: a slow master never holds up the loop
        calls.execute(() -> {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.warn("call to the master failed: {}", e.getMessage());
            } finally {
                inFlight.release();
            }
        });
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
            SchedulerClient c = client;
            if (c != null) {
                c.close();
            }
            calls.shutdownNow();
        }
    }
}
