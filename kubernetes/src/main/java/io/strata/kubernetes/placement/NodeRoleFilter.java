package io.strata.kubernetes.placement;

import io.strata.core.placement.Candidate;
import io.strata.core.placement.PlacementContext;
import io.strata.core.placement.PlacementFilter;
import io.strata.core.placement.PlacementRequest;
import io.strata.core.placement.Verdict;

/**
 * Sends pods labelled {@code k8s.mesosphere.io/roles: public} to public agents only, and keeps other pods off
 * them, as Kubernetes-on-DC/OS did.
 */
final class NodeRoleFilter implements PlacementFilter {

    /** The reason when the node's role does not match the pod's. */
    static final String REASON = "node(s) didn't match the pod's role (k8s.mesosphere.io/roles)";

    private final PlacementFacts facts;

    NodeRoleFilter(PlacementFacts facts) {
        this.facts = facts;
    }

    @Override
    public String name() {
        return "node-role";
    }

    @Override
    public Verdict filter(PlacementRequest request, Candidate candidate, PlacementContext context) {
        return facts.pod(request.id()).wantsPublic() == facts.node(candidate.agentId()).publicRole() ? Verdict.FITS
                : Verdict.rejected(REASON);
    }
}
