package io.strata.services.engine;

import io.strata.api.mesos.Filters;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.scheduler.Call;
import io.strata.core.placement.Candidate;
import io.strata.core.placement.PlacementConstraint;
import io.strata.core.placement.PlacementPipeline;
import io.strata.core.placement.PlacementPlan;
import io.strata.core.placement.PlacementRegistry;
import io.strata.core.placement.PlacementRequest;
import io.strata.core.resources.Attributes;
import io.strata.core.resources.Ranges;
import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import io.strata.server.wire.ResourceWire;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.AppRoles;
import io.strata.services.model.Condition;
import io.strata.services.model.Instance;
import io.strata.services.model.PathId;
import io.strata.services.metrics.FrameworkMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Uses offers for the launch queue: builds one placement request per instance to launch, runs the core
 * placement pipeline (roles, resources, Marathon constraints; spread scoring), stores every placed instance as
 * PROVISIONED and only then sends ACCEPT, so a failover right after never launches more than asked. Unused offers
 * are declined: for 5 s while something still waits (so they come back), else for 120 s (Marathon's
 * {@code decline_offer_duration}). Rejection reasons are recorded per app for {@code /v2/queue}.
 */
final class OfferHandler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OfferHandler.class);
    private static final double REFUSE_WHILE_WAITING = 5.0;
    private static final double REFUSE_IDLE = 120.0;
    /** How long offers are held while instances wait, so that the master's offers of one allocation are used together. */
    static final long HOLD_MILLIS = 40;
    /** The least instances placed per agent in one round (Marathon's {@code max_instances_per_offer} is 5). */
    private static final int MIN_PER_AGENT = 5;
    /**
     * Offering agents placed together: placement costs requests x candidates, so slices of 10 agents with their
     * share of the requests cost a tenth of one pass over 100 agents, and the first ACCEPTs leave sooner.
     */
    static final int SLICE_AGENTS = 10;

    private final ServicesEngine engine;
    private final PlacementPipeline pipeline = new PlacementPipeline(PlacementRegistry.spreading());
    private final Map<String, AgentFacts> agents = new HashMap<>();
    private long runs;
    private boolean declinedIdle;
    private final List<Offer> held = new ArrayList<>();
    private boolean holding;
    private long heldSince;
    private LaunchWrites writes = LaunchWrites.PER_AGENT_PIPELINED;

    /** What is known about an agent from its offers. */
    private record AgentFacts(String hostname, Attributes attributes) {
    }

    OfferHandler(ServicesEngine engine) {
        this.engine = engine;
    }

    /**
     * Takes offers on the engine thread. While instances wait, offers are held for {@value #HOLD_MILLIS} ms and
     * then used together: the master sends the offers of one allocation as several events, and placing all
     * waiting instances on the first agent that offers would launch hundreds of tasks on one agent while the
     * others idle. Otherwise they are declined at once.
     */
    void offered(List<Offer> offers, long arrivedNanos) {
        if (!holding && engine.pending.values().stream().noneMatch(n -> n > 0)) {
            handle(offers, arrivedNanos);
            return;
        }
        held.addAll(offers);
        if (!holding) {
            holding = true;
            heldSince = arrivedNanos;
            engine.later(HOLD_MILLIS, this::release);
        }
    }

    private void release() {
        holding = false;
        List<Offer> offers = List.copyOf(held);
        held.clear();
        engine.reconcileDirty();
        handle(offers, heldSince);
    }

    /** Offers still held (a new subscription invalidates them). */
    void forgetHeld() {
        held.clear();
    }

    /**
     * Uses or declines offers at once (engine thread), timing the handling and the wait since the first of them
     * arrived ({@code arrivedNanos}, a {@link System#nanoTime()} reading).
     */
    void handle(List<Offer> offers, long arrivedNanos) {
        long started = System.nanoTime();
        try {
            place(offers);
        } finally {
            engine.metrics.timer(FrameworkMetrics.OFFER_HANDLING).since(started);
            engine.metrics.timer(FrameworkMetrics.OFFER_TO_CALL).since(arrivedNanos);
        }
    }

    private void place(List<Offer> offers) {
        Map<String, List<Offer>> byAgent = new LinkedHashMap<>();
        for (Offer offer : offers) {
            byAgent.computeIfAbsent(offer.agentId().value(), a -> new ArrayList<>()).add(offer);
            agents.put(offer.agentId().value(), new AgentFacts(offer.hostname(),
                    ResourceWire.attributesToDomain(offer.attributes())));
        }
        List<Request> requests = requests();
        // at most perAgent instances per agent of this round, perAgent twice an even spread over the known agents:
        // a round with few offers takes its share and leaves the rest to the offers that follow
        int perAgent = Math.max(MIN_PER_AGENT, (int) Math.ceil(2.0 * requests.size() / Math.max(1, agents.size())));
        boolean truncated = requests.size() > perAgent * byAgent.size();
        if (truncated) {
            requests = requests.subList(0, perAgent * byAgent.size());
        }
        if (requests.isEmpty()) {
            LOG.debug("{} offers declined: nothing waits", offers.size());
            decline(offers, REFUSE_IDLE);
            return;
        }
        // placed slice by slice (each agent's ACCEPT leaves as soon as its slice is placed and stored), each slice
        // taking its share of what still waits; what a slice cannot place moves on to the next
        List<String> agentIds = new ArrayList<>(byAgent.keySet());
        List<Request> remaining = new ArrayList<>(requests);
        List<Offer> unused = new ArrayList<>();
        for (int from = 0; from < agentIds.size(); from += SLICE_AGENTS) {
            List<String> slice = agentIds.subList(from, Math.min(agentIds.size(), from + SLICE_AGENTS));
            Map<String, List<Offer>> sliceOffers = new LinkedHashMap<>();
            slice.forEach(a -> sliceOffers.put(a, byAgent.get(a)));
            if (remaining.isEmpty()) {
                sliceOffers.values().forEach(unused::addAll);
                continue;
            }
            int share = (int) Math.ceil((double) remaining.size() * slice.size() / (agentIds.size() - from));
            List<Request> sliceRequests = List.copyOf(remaining.subList(0, Math.min(remaining.size(), share)));
            Set<String> placed = placeSlice(sliceOffers, sliceRequests, truncated || remaining.size() > share, unused);
            remaining.removeIf(r -> placed.contains(r.placement().id()));
        }
        boolean stillWaiting = truncated || !remaining.isEmpty();
        LOG.debug("{} offers from {} agents: {} of {} waiting instances placed", offers.size(), byAgent.size(),
                requests.size() - remaining.size(), requests.size());
        decline(unused, stillWaiting ? REFUSE_WHILE_WAITING : REFUSE_IDLE);
    }

    /**
     * Places {@code requests} on one slice of offering agents, stores the instances and sends the ACCEPTs (after
     * their writes, see {@link LaunchWrites}); offers of agents that get nothing go to {@code unused}.
     *
     * @return the ids of the placed requests
     */
    private Set<String> placeSlice(Map<String, List<Offer>> byAgent, List<Request> requests, boolean moreWaiting,
            List<Offer> unused) {
        Instant now = engine.clock.instant();
        long placing = System.nanoTime();
        List<Candidate> candidates = candidates(byAgent, requests);
        PlacementPlan plan = pipeline.place(requests.stream().map(Request::placement).toList(), candidates, ++runs);
        Map<String, Request> byId = requests.stream().collect(Collectors.toMap(r -> r.placement().id(), r -> r));
        Map<String, List<TaskInfo>> tasksByAgent = new LinkedHashMap<>();
        Map<String, List<Instance>> instancesByAgent = new LinkedHashMap<>();
        for (PlacementPlan.Assignment assignment : plan.assignments()) {
            Request request = byId.get(assignment.requestId());
            Instance instance = instance(request.app(), assignment, now);
            instancesByAgent.computeIfAbsent(assignment.agentId(), a -> new ArrayList<>()).add(instance);
            tasksByAgent.computeIfAbsent(assignment.agentId(), a -> new ArrayList<>())
                    .add(TaskFactory.build(request.app(), instance, assignment));
        }
        engine.metrics.timer(FrameworkMetrics.OFFER_PLACEMENT).since(placing);
        List<Instance> provisioned = instancesByAgent.values().stream().flatMap(List::stream).toList();
        provisioned.forEach(i -> engine.state.instances.put(i.taskId(), i));
        provisioned.forEach(i -> engine.touch(i.appId()));
        record(requests, plan, byAgent.size(), now);
        boolean stillWaiting = moreWaiting || !plan.unplaced().isEmpty();
        Filters acceptFilters = new Filters(stillWaiting ? 0.0 : REFUSE_WHILE_WAITING);
        if (writes == LaunchWrites.ONE_MULTI_THEN_ACCEPT) {
            storeAll(provisioned, byAgent.values().stream().flatMap(List::stream).toList());
        }
        byAgent.forEach((agentId, agentOffers) -> {
            List<TaskInfo> tasks = tasksByAgent.get(agentId);
            if (tasks == null) {
                unused.addAll(agentOffers);
            } else if (writes == LaunchWrites.ONE_MULTI_THEN_ACCEPT) {
                accept(agentOffers, tasks, acceptFilters);
            } else {
                storeThenAccept(instancesByAgent.get(agentId), agentOffers, tasks, acceptFilters);
            }
        });
        return plan.assignments().stream().map(PlacementPlan.Assignment::requestId).collect(Collectors.toSet());
    }

    /** Stores every placed instance in one write before any ACCEPT: failover never overshoots. */
    private void storeAll(List<Instance> provisioned, List<Offer> offers) {
        long storing = System.nanoTime();
        try {
            engine.store.createInstances(provisioned);
        } catch (IllegalStateException e) {
            provisioned.forEach(i -> engine.state.instances.remove(i.taskId()));
            decline(offers, REFUSE_WHILE_WAITING);
            throw e;
        } finally {
            engine.metrics.timer(FrameworkMetrics.OFFER_STORE).since(storing);
        }
    }

    /**
     * Stores one agent's instances in one multi without blocking the engine thread and sends that agent's ACCEPT
     * once it committed; if it failed (e.g. fenced by a newer leader), the instances are forgotten and the offers
     * declined, so nothing is launched that a failover would not count.
     */
    private void storeThenAccept(List<Instance> instances, List<Offer> agentOffers, List<TaskInfo> tasks,
            Filters filters) {
        long storing = System.nanoTime();
        engine.store.createInstancesAsync(instances).whenComplete((ok, failed) -> {
            engine.metrics.timer(FrameworkMetrics.OFFER_STORE).since(storing);
            if (failed == null) {
                accept(agentOffers, tasks, filters);
                return;
            }
            LOG.warn("storing {} instances failed, their offers are declined: {}", instances.size(), failed.toString());
            engine.post(() -> {
                for (Instance instance : instances) {
                    if (engine.state.instances.remove(instance.taskId(), instance)) {
                        engine.touch(instance.appId());
                    }
                }
                decline(agentOffers, REFUSE_WHILE_WAITING);
            });
        });
    }

    private void accept(List<Offer> agentOffers, List<TaskInfo> tasks, Filters filters) {
        List<OfferId> ids = agentOffers.stream().map(Offer::id).toList();
        engine.send(fid -> Call.accept(fid, new Call.Accept(ids, List.of(new Offer.Operation(
                Offer.Operation.Type.LAUNCH, new Offer.Operation.Launch(tasks), null)), filters)));
    }

    /** Sets how placed instances are stored before their ACCEPTs (engine thread). */
    void writes(LaunchWrites mode) {
        writes = java.util.Objects.requireNonNull(mode, "mode");
    }

    /** One instance waiting to be placed. */
    private record Request(AppDefinition app, PlacementRequest placement) {
    }

    private List<Request> requests() {
        List<Request> out = new ArrayList<>();
        for (Map.Entry<PathId, Integer> entry : engine.pending.entrySet()) {
            AppDefinition app = engine.state.apps.get(entry.getKey());
            if (app == null) {
                continue;
            }
            for (int i = 0; i < entry.getValue(); i++) {
                out.add(new Request(app, placement(app)));
            }
        }
        return out;
    }

    private PlacementRequest placement(AppDefinition app) {
        String taskId = app.id().safeId() + "." + UUID.randomUUID();
        List<Resource> wanted = new ArrayList<>();
        wanted.add(Resource.scalar(Resource.CPUS, app.cpus()));
        wanted.add(Resource.scalar(Resource.MEM, app.mem()));
        if (app.disk() > 0) {
            wanted.add(Resource.scalar(Resource.DISK, app.disk()));
        }
        if (app.gpus() > 0) {
            wanted.add(Resource.scalar(Resource.GPUS, app.gpus()));
        }
        int portCount = app.portDefinitions().size();
        if (app.requirePorts() && portCount > 0) {
            wanted.add(new Resource(Resource.PORTS, Resource.UNRESERVED, Ranges.ofValues(
                    app.portDefinitions().stream().map(p -> (long) p.port()).toList())));
            portCount = 0;
        }
        Set<String> roles = app.acceptedResourceRoles() == null ? Set.of()
                : app.acceptedResourceRoles().stream().map(AppRoles::toMesosRole).collect(Collectors.toSet());
        return new PlacementRequest(taskId, app.id().toString(), Resources.of(wanted), portCount, engine.role, roles,
                app.constraints().stream().map(PlacementConstraint::of).toList());
    }

    /** Offers (merged per agent) plus, for constraint counting, every agent that runs an instance. */
    private List<Candidate> candidates(Map<String, List<Offer>> byAgent, List<Request> requests) {
        Map<String, Map<String, Integer>> placed = new HashMap<>();
        Map<String, String> hosts = new HashMap<>();
        Set<String> groups = requests.stream().map(r -> r.placement().group()).collect(Collectors.toSet());
        for (Instance instance : engine.state.instances.values()) {
            if (instance.agentId() == null || !instance.isActive() || !groups.contains(instance.appId().toString())) {
                continue;
            }
            placed.computeIfAbsent(instance.agentId(), a -> new HashMap<>()).merge(instance.appId().toString(), 1,
                    Integer::sum);
            hosts.putIfAbsent(instance.agentId(), instance.host());
        }
        List<Candidate> out = new ArrayList<>();
        byAgent.forEach((agentId, offers) -> {
            Resources available = Resources.EMPTY;
            for (Offer offer : offers) {
                available = available.plus(ResourceWire.toDomain(offer.resources(), "offer.resources"));
            }
            AgentFacts facts = agents.get(agentId);
            out.add(new Candidate(agentId, facts.hostname(), facts.attributes(), available, available,
                    placed.getOrDefault(agentId, Map.of())));
        });
        placed.forEach((agentId, counts) -> {
            if (!byAgent.containsKey(agentId)) {
                AgentFacts facts = agents.getOrDefault(agentId, new AgentFacts(hosts.get(agentId), Attributes.EMPTY));
                String hostname = facts.hostname() == null ? agentId : facts.hostname();
                out.add(new Candidate(agentId, hostname, facts.attributes(), Resources.EMPTY, Resources.EMPTY, counts));
            }
        });
        return out;
    }

    private Instance instance(AppDefinition app, PlacementPlan.Assignment assignment, Instant now) {
        List<Long> ports = app.requirePorts()
                ? app.portDefinitions().stream().map(p -> (long) p.port()).toList()
                : assignment.ports();
        List<Integer> servicePorts = app.portDefinitions().stream().map(AppDefinition.PortDefinition::port).toList();
        return new Instance(assignment.requestId(), app.id(), app.version(), app.lastConfigChangeAt(),
                assignment.agentId(), assignment.hostname(), ports, servicePorts, Condition.PROVISIONED, now, null,
                null, null, 0, null, null, null, List.of(), null);
    }

    /** Records per app how many offers were used or not and why (the placement's rejection reasons). */
    private void record(List<Request> requests, PlacementPlan plan, int offers, Instant now) {
        Map<String, PathId> appOf = new HashMap<>();
        requests.forEach(r -> appOf.put(r.placement().id(), r.app().id()));
        Map<PathId, Map<String, Integer>> reasons = new HashMap<>();
        for (PlacementPlan.Unplaced unplaced : plan.unplaced()) {
            reasons.computeIfAbsent(appOf.get(unplaced.requestId()), id -> new HashMap<>())
                    .merge("_", 0, Integer::sum);
            unplaced.reasons().forEach((reason, count) ->
                    reasons.get(appOf.get(unplaced.requestId())).merge(reason, count, Math::max));
        }
        Set<PathId> used = plan.assignments().stream().map(a -> appOf.get(a.requestId())).collect(Collectors.toSet());
        for (PathId id : new java.util.HashSet<>(appOf.values())) {
            ServicesState.QueueStatus old = engine.state.queue.get(id);
            if (old == null) {
                continue;
            }
            Map<String, Integer> appReasons = new HashMap<>(reasons.getOrDefault(id, Map.of()));
            appReasons.remove("_");
            boolean unusedAny = reasons.containsKey(id);
            engine.state.queue.put(id, new ServicesState.QueueStatus(old.count(), old.delayedUntil(), old.since(),
                    unusedAny ? appReasons : old.reasons(), old.processedOffers() + offers,
                    old.unusedOffers() + (unusedAny ? offers : 0), unusedAny ? now : old.lastUnusedOfferAt(),
                    used.contains(id) ? now : old.lastUsedOfferAt()));
        }
    }

    /** Whether offers were declined for {@value #REFUSE_IDLE} s since the last REVIVE. */
    boolean declinedIdle() {
        return declinedIdle;
    }

    /** Notes that a REVIVE was sent. */
    void revived() {
        declinedIdle = false;
    }

    private void decline(List<Offer> offers, double refuseSeconds) {
        if (offers.isEmpty()) {
            return;
        }
        declinedIdle |= refuseSeconds >= REFUSE_IDLE;
        List<OfferId> ids = offers.stream().map(Offer::id).toList();
        engine.send(fid -> Call.decline(fid, new Call.Decline(ids, new Filters(refuseSeconds))));
    }
}
