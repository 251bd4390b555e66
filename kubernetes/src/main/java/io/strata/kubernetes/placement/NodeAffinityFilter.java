package io.strata.kubernetes.placement;

import io.strata.core.placement.Candidate;
import io.strata.core.placement.PlacementContext;
import io.strata.core.placement.PlacementFilter;
import io.strata.core.placement.PlacementRequest;
import io.strata.core.placement.Verdict;
import java.util.List;
import java.util.Map;

/**
 * Rejects nodes whose labels do not match the pod's {@code nodeSelector} or its required node affinity (any term
 * whose expressions all hold), as upstream's NodeAffinity plugin.
 */
final class NodeAffinityFilter implements PlacementFilter {

    /** Upstream's reason. */
    static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    private final PlacementFacts facts;

    NodeAffinityFilter(PlacementFacts facts) {
        this.facts = facts;
    }

    @Override
    public String name() {
        return "node-affinity";
    }

    @Override
    public Verdict filter(PlacementRequest request, Candidate candidate, PlacementContext context) {
        PodTerms.Shape pod = facts.pod(request.id());
        if (pod.nodeSelector().isEmpty() && pod.terms().isEmpty()) {
            return Verdict.FITS;
        }
        Map<String, String> labels = facts.node(candidate.agentId()).labels();
        for (Map.Entry<String, String> e : pod.nodeSelector().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return Verdict.rejected(REASON);
            }
        }
        return pod.terms().isEmpty() || pod.terms().stream().anyMatch(t -> allHold(t, labels)) ? Verdict.FITS
                : Verdict.rejected(REASON);
    }

    private static boolean allHold(List<PodTerms.Expression> term, Map<String, String> labels) {
        return term.stream().allMatch(e -> holds(e, labels));
    }

    static boolean holds(PodTerms.Expression e, Map<String, String> labels) {
        String value = labels.get(e.key());
        return switch (e.operator()) {
            case "In" -> value != null && e.values().contains(value);
            case "NotIn" -> value == null || !e.values().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt" -> value != null && !e.values().isEmpty() && number(value) > number(e.values().get(0));
            case "Lt" -> value != null && !e.values().isEmpty() && number(value) < number(e.values().get(0));
            default -> false;
        };
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
