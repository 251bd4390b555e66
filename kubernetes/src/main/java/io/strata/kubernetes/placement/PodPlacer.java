package io.strata.kubernetes.placement;

import io.strata.core.placement.Candidate;
import io.strata.core.placement.PlacementPipeline;
import io.strata.core.placement.PlacementPlan;
import io.strata.core.placement.PlacementRegistry;
import io.strata.core.placement.PlacementRequest;
import io.strata.core.placement.ResourcesFilter;
import io.strata.core.resources.Attributes;
import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places a batch of pending pods on nodes with the core {@link PlacementPipeline}: the Kubernetes filters
 * (taints, node affinity and nodeSelector, role) then the core resources filter, scored least-allocated first.
 *
 * <p>Like upstream's {@code percentageOfNodesToScore}, each chunk of {@value #CHUNK} pods is placed on a window of
 * the nodes (all of them up to 100; 10% of 5,000), the window moving on after each chunk so that pods spread over
 * the cluster; a pod that fits nowhere in its window is tried on every node, so a pod is only reported
 * unschedulable after all nodes rejected it, with the counted reasons in upstream's FitError words:
 * {@code 0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient memory.}
 * Pods of a shape that already failed on every node in this batch fail at once with the same message.
 * Pure: no I/O, the seed fixes the order.
 */
public final class PodPlacer {

    /** Pods placed on one window of nodes before the window moves on. */
    static final int CHUNK = 32;
    private static final Set<String> ROLES = Set.of(Resource.UNRESERVED, "slave_public");
    private static final String ROLE = Resource.UNRESERVED;

    /** A pod placed on a node; {@code resources} are the concrete resources it takes there. */
    public record Placement(String podKey, NodeTerms node, Resources resources) {
    }

    /** A pod no node takes, with upstream's FitError message. */
    public record Failure(String podKey, String message) {
    }

    /** The outcome of one batch, in the pods' order. */
    public record Result(List<Placement> placed, List<Failure> failed) {
        /** Copies the lists. */
        public Result {
            placed = List.copyOf(placed);
            failed = List.copyOf(failed);
        }
    }

    private PodPlacer() {
    }

    /** Places {@code pods} in order on {@code nodes}; later pods see what earlier ones took. */
    public static Result place(List<PodTerms> pods, List<NodeTerms> nodes, long seed) {
        Map<String, PodTerms.Shape> shapes = new HashMap<>();
        Map<String, NodeTerms> byAgent = new HashMap<>();
        Map<String, Integer> index = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>(nodes.size());
        for (NodeTerms n : nodes) {
            byAgent.put(n.agentId(), n);
            index.put(n.agentId(), candidates.size());
            candidates.add(new Candidate(n.agentId(), n.name(), Attributes.EMPTY, n.available(), n.total(), Map.of()));
        }
        PlacementFacts facts = new PlacementFacts() {
            @Override
            public PodTerms.Shape pod(String requestId) {
                return shapes.get(requestId);
            }

            @Override
            public NodeTerms node(String agentId) {
                return byAgent.get(agentId);
            }
        };
        PlacementPipeline pipeline = new PlacementPipeline(registry(facts));
        List<Placement> placed = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        Map<PodTerms.Shape, String> failedShapes = new HashMap<>();
        int window = windowSize(candidates.size());
        int offset = candidates.isEmpty() ? 0 : (int) Math.floorMod(seed, (long) candidates.size());
        for (int from = 0; from < pods.size(); from += CHUNK) {
            List<PlacementRequest> chunk = new ArrayList<>();
            for (PodTerms pod : pods.subList(from, Math.min(pods.size(), from + CHUNK))) {
                String known = failedShapes.get(pod.shape());
                if (known != null) {
                    failed.add(new Failure(pod.key(), known));
                    continue;
                }
                shapes.put(pod.key(), pod.shape());
                chunk.add(request(pod));
            }
            List<Candidate> visible = window >= candidates.size() ? candidates : window(candidates, offset, window);
            offset = candidates.isEmpty() ? 0 : (offset + window) % candidates.size();
            PlacementPlan plan = pipeline.place(chunk, visible, seed + from);
            take(plan.assignments(), candidates, index, byAgent, placed);
            for (PlacementPlan.Unplaced u : plan.unplaced()) {
                PlacementPlan retry = visible == candidates ? plan
                        : pipeline.place(List.of(requestOf(chunk, u.requestId())), candidates, seed + from);
                if (retry != plan && !retry.assignments().isEmpty()) {
                    take(retry.assignments(), candidates, index, byAgent, placed);
                    continue;
                }
                PlacementPlan.Unplaced full = retry == plan ? u : retry.unplaced().get(0);
                String message = message(candidates.size(), full.reasons());
                failed.add(new Failure(u.requestId(), message));
                failedShapes.put(shapes.get(u.requestId()), message);
            }
        }
        return new Result(placed, failed);
    }

    private static PlacementRegistry registry(PlacementFacts facts) {
        return new PlacementRegistry(List.of(new TaintTolerationFilter(facts), new NodeAffinityFilter(facts),
                new NodeRoleFilter(facts), new ResourcesFilter()),
                List.of(new PlacementRegistry.WeightedScorer(new LeastAllocatedScorer(), 1.0)));
    }

    private static PlacementRequest request(PodTerms pod) {
        Resources wanted = Resources.of(Resource.scalar(Resource.CPUS, pod.shape().cpus()),
                Resource.scalar(Resource.MEM, pod.shape().memMb()));
        return new PlacementRequest(pod.key(), pod.key(), wanted, 0, ROLE, ROLES, List.of());
    }

    private static PlacementRequest requestOf(List<PlacementRequest> chunk, String id) {
        return chunk.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static void take(List<PlacementPlan.Assignment> assignments, List<Candidate> candidates,
            Map<String, Integer> index, Map<String, NodeTerms> byAgent, List<Placement> placed) {
        for (PlacementPlan.Assignment a : assignments) {
            int i = index.get(a.agentId());
            Candidate c = candidates.get(i);
            candidates.set(i, new Candidate(c.agentId(), c.hostname(), c.attributes(),
                    c.available().minus(a.resources()), c.total(), Map.of()));
            placed.add(new Placement(a.requestId(), byAgent.get(a.agentId()), a.resources()));
        }
    }

    private static List<Candidate> window(List<Candidate> all, int offset, int size) {
        List<Candidate> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(all.get((offset + i) % all.size()));
        }
        return out;
    }

    /** Nodes looked at per chunk: all up to 100, else max(5, 50 - n/125) percent of them and at least 100. */
    static int windowSize(int nodes) {
        if (nodes <= 100) {
            return nodes;
        }
        int percent = Math.max(5, 50 - nodes / 125);
        return Math.max(100, nodes * percent / 100);
    }

    /**
     * Upstream's FitError text: {@code 0/<nodes> nodes are available: <count> <reason>, ...} with the
     * {@code <count> <reason>} strings sorted, and the core resource reasons in upstream's resource names.
     */
    static String message(int nodes, Map<String, Integer> reasons) {
        List<String> parts = new ArrayList<>();
        reasons.forEach((reason, count) -> parts.add(count + " " + upstreamReason(reason)));
        parts.sort(null);
        return "0/" + nodes + " nodes are available" + (parts.isEmpty() ? "." : ": " + String.join(", ", parts)
                + ".");
    }

    private static String upstreamReason(String reason) {
        return reason.equals(ResourcesFilter.INSUFFICIENT_CPUS) ? "Insufficient cpu" : reason;
    }
}
