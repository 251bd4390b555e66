package io.strata.core.allocator;

import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import io.strata.core.resources.Scalar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Hierarchical DRF allocation as in Mesos 1.1: roles are ordered by a role {@link Sorter}, frameworks within a
 * role by a per-role sorter, and each agent's free resources go to the first framework that may take them.
 *
 * <p>One run of {@link #allocate(long)} visits the active agents in an order shuffled with the
 * {@link RandomGenerator} given to the constructor. For each agent, each role in sort order: offerable =
 * (total - allocated) limited to {@link Resources#allocatableTo(String) allocatableTo(role)}; it must be
 * allocatable ({@code cpus >= 0.01} or {@code mem >= 32}); the first framework of that role, in sort order, that is
 * connected, not suppressed, not GPU-excluded and not filtered on the agent gets all of it (coarse-grained).
 * Offered resources count as allocated until {@link #recover} returns them.
 *
 * <p>Time is passed in as epoch millis and never read. The allocator is not thread-safe: the master confines it
 * to its allocation thread. Unknown ids in {@code recover} are ignored (the agent or framework went away and its
 * allocations went with it); other calls with unknown ids throw {@link IllegalStateException}.
 */
public final class HierarchicalAllocator {

    /** Minimum cpus (in thousandths) for resources to be offerable: 0.01. */
    static final long MIN_CPUS_THOUSANDTHS = 10;
    /** Minimum mem (in thousandths of MB) for resources to be offerable: 32 MB. */
    static final long MIN_MEM_THOUSANDTHS = 32_000;

    private final RandomGenerator random;
    private final Supplier<Sorter> sorterFactory;
    private final Sorter roleSorter;
    private final Map<String, Sorter> frameworkSorters = new HashMap<>();
    private final Map<String, Agent> agents = new HashMap<>();
    private final List<Agent> agentList = new ArrayList<>();
    private final Map<String, Framework> frameworks = new HashMap<>();
    /** Scalars only: a running sum of range values would lose ports shared by several agents on removal. */
    private Resources clusterScalarTotal = Resources.EMPTY;

    private static final class Agent {
        final String id;
        Resources total;
        Resources allocated;
        Resources available;
        boolean active = true;
        boolean hasGpus;
        int index;

        Agent(String id, Resources total, Resources allocated) {
            this.id = id;
            setTotal(total, allocated);
        }

        void setTotal(Resources newTotal, Resources newAllocated) {
            total = newTotal;
            allocated = newAllocated;
            available = total.minus(allocated);
            hasGpus = !total.scalar(Resource.GPUS).isEmpty();
        }
    }

    private static final class Framework {
        final String id;
        final String role;
        final Set<FrameworkCapability> capabilities;
        final Map<String, Resources> allocations = new HashMap<>();
        final Map<String, List<OfferFilter>> filters = new HashMap<>();
        boolean connected = true;
        boolean suppressed;

        Framework(String id, String role, Set<FrameworkCapability> capabilities) {
            this.id = id;
            this.role = role;
            this.capabilities = capabilities.isEmpty()
                    ? EnumSet.noneOf(FrameworkCapability.class) : EnumSet.copyOf(capabilities);
        }

        boolean wantsOffers() {
            return connected && !suppressed;
        }
    }

    /** Creates an allocator with DRF sorters; {@code random} shuffles the agent order of each run. */
    public HierarchicalAllocator(RandomGenerator random) {
        this(random, DrfSorter::new);
    }

    /** Creates an allocator whose role and framework sorters come from {@code sorterFactory}. */
    public HierarchicalAllocator(RandomGenerator random, Supplier<Sorter> sorterFactory) {
        this.random = Objects.requireNonNull(random, "random");
        this.sorterFactory = Objects.requireNonNull(sorterFactory, "sorterFactory");
        this.roleSorter = sorterFactory.get();
    }

    // ---- agents ----

    /**
     * Adds an agent. {@code used} (e.g. tasks found running when the agent re-registers) counts as allocated but
     * belongs to no framework; a later {@link #recover} from any framework frees it.
     */
    public void addAgent(String agentId, Resources total, Resources used) {
        addAgent(agentId, total, used, Map.of());
    }

    /**
     * Adds an agent with resources already used by known frameworks ({@code usedByFramework}) and by nobody in
     * particular ({@code used}); both count as allocated. Entries for unknown frameworks count as {@code used}.
     */
    public void addAgent(String agentId, Resources total, Resources used, Map<String, Resources> usedByFramework) {
        if (agents.containsKey(agentId)) {
            throw new IllegalStateException("agent " + agentId + " is already known");
        }
        Resources allocated = used;
        for (Resources resources : usedByFramework.values()) {
            allocated = allocated.plus(resources);
        }
        Agent agent = new Agent(agentId, total, allocated);
        agent.index = agentList.size();
        agents.put(agentId, agent);
        agentList.add(agent);
        changeTotal(total, Resources.EMPTY);
        usedByFramework.forEach((frameworkId, resources) -> {
            Framework framework = frameworks.get(frameworkId);
            if (framework != null && !resources.isEmpty()) {
                track(framework, agentId, resources);
            }
        });
    }

    /** Removes an agent; allocations on it are dropped and filters for it forgotten. */
    public void removeAgent(String agentId) {
        Agent agent = agent(agentId);
        for (Framework framework : frameworks.values()) {
            framework.filters.remove(agentId);
            Resources held = framework.allocations.get(agentId);
            if (held != null) {
                untrack(framework, agentId, held);
            }
        }
        agents.remove(agentId);
        Agent last = agentList.removeLast();
        if (last != agent) {
            agentList.set(agent.index, last);
            last.index = agent.index;
        }
        changeTotal(Resources.EMPTY, agent.total);
    }

    /** Replaces an agent's total (e.g. after a reservation or a reconfiguration); allocations stay. */
    public void updateAgentTotal(String agentId, Resources total) {
        Agent agent = agent(agentId);
        changeTotal(total, agent.total);
        agent.setTotal(total, agent.allocated);
    }

    /** Takes an unreachable agent out of allocation runs; its allocations stay. */
    public void deactivateAgent(String agentId) {
        agent(agentId).active = false;
    }

    /** Puts a reachable agent back into allocation runs. */
    public void activateAgent(String agentId) {
        agent(agentId).active = true;
    }

    // ---- frameworks ----

    /** Adds a connected framework of {@code role} (validated with the Mesos role rules). */
    public void addFramework(String frameworkId, String role, Set<FrameworkCapability> capabilities) {
        Resource.validateRole(role);
        if (frameworks.containsKey(frameworkId)) {
            throw new IllegalStateException("framework " + frameworkId + " is already known");
        }
        frameworks.put(frameworkId, new Framework(frameworkId, role, capabilities));
        frameworkSorters.computeIfAbsent(role, this::newRole).add(frameworkId);
    }

    private Sorter newRole(String role) {
        roleSorter.add(role);
        Sorter sorter = sorterFactory.get();
        sorter.addTotal(clusterScalarTotal);
        return sorter;
    }

    /** Removes a framework; everything allocated to it becomes available again. */
    public void removeFramework(String frameworkId) {
        Framework framework = framework(frameworkId);
        for (Map.Entry<String, Resources> held : List.copyOf(framework.allocations.entrySet())) {
            Agent agent = agents.get(held.getKey());
            release(agent, held.getValue());
            untrack(framework, held.getKey(), held.getValue());
        }
        frameworks.remove(frameworkId);
        Sorter sorter = frameworkSorters.get(framework.role);
        sorter.remove(frameworkId);
        if (frameworks.values().stream().noneMatch(f -> f.role.equals(framework.role))) {
            frameworkSorters.remove(framework.role);
            roleSorter.remove(framework.role);
        }
    }

    /** Marks a framework disconnected: it keeps its allocations and filters but gets no offers. */
    public void deactivateFramework(String frameworkId) {
        Framework framework = framework(frameworkId);
        framework.connected = false;
        syncActive(framework);
    }

    /** Marks a framework connected again. */
    public void activateFramework(String frameworkId) {
        Framework framework = framework(frameworkId);
        framework.connected = true;
        syncActive(framework);
    }

    /** Stops offers to a framework until {@link #revive(String)}. */
    public void suppress(String frameworkId) {
        Framework framework = framework(frameworkId);
        framework.suppressed = true;
        syncActive(framework);
    }

    /** Clears every filter of the framework and ends a suppression. */
    public void revive(String frameworkId) {
        Framework framework = framework(frameworkId);
        framework.filters.clear();
        framework.suppressed = false;
        syncActive(framework);
    }

    private void syncActive(Framework framework) {
        Sorter sorter = frameworkSorters.get(framework.role);
        if (framework.wantsOffers()) {
            sorter.activate(framework.id);
        } else {
            sorter.deactivate(framework.id);
        }
    }

    /** Sets the DRF weight of a role (default 1); a role of weight 2 may hold twice the share. */
    public void setWeight(String role, double weight) {
        Resource.validateRole(role);
        roleSorter.updateWeight(role, weight);
    }

    // ---- offers ----

    /**
     * Returns resources to the agent's free pool: an offer was declined, rescinded or expired, or a task ended.
     *
     * @param refuseUntilMillis 0 for no filter; otherwise the framework is not offered this agent before that
     *     time while what is free there is a subset of {@code resources}
     */
    public void recover(String frameworkId, String agentId, Resources resources, long refuseUntilMillis) {
        Agent agent = agents.get(agentId);
        if (agent == null || resources.isEmpty()) {
            return;
        }
        release(agent, resources);
        Framework framework = frameworks.get(frameworkId);
        if (framework == null) {
            return;
        }
        Resources held = framework.allocations.get(agentId);
        if (held != null) {
            // only what the framework actually held leaves its share: held ∩ resources
            Resources released = held.minus(held.minus(resources));
            if (!released.isEmpty()) {
                untrack(framework, agentId, released);
            }
        }
        if (refuseUntilMillis > 0) {
            framework.filters.computeIfAbsent(agentId, id -> new ArrayList<>(1))
                    .add(new OfferFilter(resources, refuseUntilMillis));
        }
    }

    /** Runs one allocation over all active agents in a shuffled order and returns the offers to make. */
    public List<OfferProposal> allocate(long nowMillis) {
        Agent[] order = agentList.toArray(new Agent[0]);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Agent swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        List<OfferProposal> proposals = new ArrayList<>();
        for (Agent agent : order) {
            allocateOn(agent, nowMillis, proposals);
        }
        return proposals;
    }

    /** Runs the allocation for one agent, as done when an agent is added or its resources change. */
    public List<OfferProposal> allocateAgent(String agentId, long nowMillis) {
        List<OfferProposal> proposals = new ArrayList<>(1);
        allocateOn(agent(agentId), nowMillis, proposals);
        return proposals;
    }

    private void allocateOn(Agent agent, long nowMillis, List<OfferProposal> proposals) {
        if (!agent.active || agent.available.isEmpty()) {
            return;
        }
        for (String role : roleSorter.sort()) {
            Resources offerable = agent.available.allocatableTo(role);
            if (!isAllocatable(offerable)) {
                continue;
            }
            Optional<String> chosen = frameworkSorters.get(role)
                    .first(id -> mayOffer(frameworks.get(id), agent, offerable, nowMillis));
            if (chosen.isPresent()) {
                Framework framework = frameworks.get(chosen.get());
                agent.available = agent.available.minus(offerable);
                agent.allocated = agent.allocated.plus(offerable);
                track(framework, agent.id, offerable);
                proposals.add(new OfferProposal(framework.id, agent.id, offerable));
                if (agent.available.isEmpty()) {
                    return;
                }
            }
        }
    }

    /** Mesos' {@code allocatable()}: enough cpus or enough memory to run something. */
    static boolean isAllocatable(Resources resources) {
        return resources.scalar(Resource.CPUS).thousandths() >= MIN_CPUS_THOUSANDTHS
                || resources.scalar(Resource.MEM).thousandths() >= MIN_MEM_THOUSANDTHS;
    }

    private static boolean mayOffer(Framework framework, Agent agent, Resources offerable, long nowMillis) {
        if (agent.hasGpus && !framework.capabilities.contains(FrameworkCapability.GPU_RESOURCES)) {
            return false;
        }
        return !isFiltered(framework, agent.id, offerable, nowMillis);
    }

    private static boolean isFiltered(Framework framework, String agentId, Resources offerable, long nowMillis) {
        if (framework.filters.isEmpty()) {
            return false;
        }
        List<OfferFilter> filters = framework.filters.get(agentId);
        if (filters == null) {
            return false;
        }
        filters.removeIf(filter -> filter.expiresAtMillis() <= nowMillis);
        if (filters.isEmpty()) {
            framework.filters.remove(agentId);
            return false;
        }
        for (OfferFilter filter : filters) {
            if (filter.refuses(offerable, nowMillis)) {
                return true;
            }
        }
        return false;
    }

    // ---- bookkeeping ----

    private void track(Framework framework, String agentId, Resources resources) {
        framework.allocations.merge(agentId, resources, Resources::plus);
        roleSorter.allocated(framework.role, agentId, resources);
        frameworkSorters.get(framework.role).allocated(framework.id, agentId, resources);
    }

    private void untrack(Framework framework, String agentId, Resources resources) {
        Resources left = framework.allocations.get(agentId).minus(resources);
        if (left.isEmpty()) {
            framework.allocations.remove(agentId);
        } else {
            framework.allocations.put(agentId, left);
        }
        roleSorter.unallocated(framework.role, agentId, resources);
        frameworkSorters.get(framework.role).unallocated(framework.id, agentId, resources);
    }

    private static void release(Agent agent, Resources resources) {
        agent.allocated = agent.allocated.minus(resources);
        agent.available = agent.total.minus(agent.allocated);
    }

    private void changeTotal(Resources added, Resources removed) {
        clusterScalarTotal = clusterScalarTotal.minus(scalarsOf(removed)).plus(scalarsOf(added));
        roleSorter.removeTotal(removed);
        roleSorter.addTotal(added);
        for (Sorter sorter : frameworkSorters.values()) {
            sorter.removeTotal(removed);
            sorter.addTotal(added);
        }
    }

    private static Resources scalarsOf(Resources resources) {
        return resources.filter(resource -> resource.value() instanceof Scalar);
    }

    private Agent agent(String agentId) {
        Agent agent = agents.get(agentId);
        if (agent == null) {
            throw new IllegalStateException("agent " + agentId + " is not known");
        }
        return agent;
    }

    private Framework framework(String frameworkId) {
        Framework framework = frameworks.get(frameworkId);
        if (framework == null) {
            throw new IllegalStateException("framework " + frameworkId + " is not known");
        }
        return framework;
    }

    // ---- read-only views (metrics, state endpoints, tests) ----

    /** Returns the sum of all agents' totals (ranges and sets as their union), computed on each call. */
    public Resources total() {
        Resources sum = Resources.EMPTY;
        for (Agent agent : agentList) {
            sum = sum.plus(agent.total);
        }
        return sum;
    }

    /** Returns the sum of all agents' scalar totals (cpus, mem, disk, gpus, ...), kept up to date. */
    public Resources scalarTotal() {
        return clusterScalarTotal;
    }

    /** Returns everything offered or allocated (including unattributed used resources) over all agents. */
    public Resources allocated() {
        Resources sum = Resources.EMPTY;
        for (Agent agent : agentList) {
            sum = sum.plus(agent.allocated);
        }
        return sum;
    }

    /** Returns the agent's total. */
    public Resources agentTotal(String agentId) {
        return agent(agentId).total;
    }

    /** Returns what is free on the agent: total minus offered or allocated. */
    public Resources available(String agentId) {
        return agent(agentId).available;
    }

    /** Returns everything offered or allocated to the framework. */
    public Resources allocation(String frameworkId) {
        Resources sum = Resources.EMPTY;
        for (Resources resources : framework(frameworkId).allocations.values()) {
            sum = sum.plus(resources);
        }
        return sum;
    }

    /** Returns what is offered or allocated to the framework on one agent. */
    public Resources allocation(String frameworkId, String agentId) {
        return framework(frameworkId).allocations.getOrDefault(agentId, Resources.EMPTY);
    }

    /** Returns the DRF share of a role (weighted), 0 for unknown roles. */
    public double roleShare(String role) {
        return roleSorter.share(role);
    }

    /** Returns the DRF share of a framework within its role. */
    public double frameworkShare(String frameworkId) {
        return frameworkSorters.get(framework(frameworkId).role).share(frameworkId);
    }

    /** Returns the ids of all agents, sorted. */
    public SortedSet<String> agentIds() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(agents.keySet()));
    }

    /** Returns the ids of all frameworks, sorted. */
    public SortedSet<String> frameworkIds() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(frameworks.keySet()));
    }

    /** Returns true if the framework is suppressed. */
    public boolean isSuppressed(String frameworkId) {
        return framework(frameworkId).suppressed;
    }

    /** Returns true if the agent is taking part in allocation runs. */
    public boolean isAgentActive(String agentId) {
        return agent(agentId).active;
    }
}
