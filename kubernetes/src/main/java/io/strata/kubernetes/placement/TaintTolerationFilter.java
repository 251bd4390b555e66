package io.strata.kubernetes.placement;

import io.strata.core.placement.Candidate;
import io.strata.core.placement.PlacementContext;
import io.strata.core.placement.PlacementFilter;
import io.strata.core.placement.PlacementRequest;
import io.strata.core.placement.Verdict;

/**
 * Rejects nodes with a {@code NoSchedule} or {@code NoExecute} taint the pod does not tolerate, as upstream's
 * TaintToleration plugin: {@code node(s) had untolerated taint {key: value}}.
 */
final class TaintTolerationFilter implements PlacementFilter {

    private final PlacementFacts facts;

    TaintTolerationFilter(PlacementFacts facts) {
        this.facts = facts;
    }

    @Override
    public String name() {
        return "taint-toleration";
    }

    @Override
    public Verdict filter(PlacementRequest request, Candidate candidate, PlacementContext context) {
        NodeTerms node = facts.node(candidate.agentId());
        if (node.taints().isEmpty()) {
            return Verdict.FITS;
        }
        PodTerms.Shape pod = facts.pod(request.id());
        for (NodeTerms.Taint taint : node.taints()) {
            boolean blocking = taint.effect().equals("NoSchedule") || taint.effect().equals("NoExecute");
            if (blocking && !tolerated(pod, taint)) {
                return Verdict.rejected("node(s) had untolerated taint {" + taint.key()
                        + (taint.value().isEmpty() ? "" : ": " + taint.value()) + "}");
            }
        }
        return Verdict.FITS;
    }

    static boolean tolerated(PodTerms.Shape pod, NodeTerms.Taint taint) {
        for (PodTerms.Toleration t : pod.tolerations()) {
            if (!t.effect().isEmpty() && !t.effect().equals(taint.effect())) {
                continue;
            }
            if (t.key().isEmpty() && t.operator().equals("Exists")) {
                return true;
            }
            if (!t.key().equals(taint.key())) {
                continue;
            }
            if (t.operator().equals("Exists") || t.value().equals(taint.value())) {
                return true;
            }
        }
        return false;
    }
}
