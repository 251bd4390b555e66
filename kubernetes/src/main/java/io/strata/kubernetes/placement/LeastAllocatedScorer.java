package io.strata.kubernetes.placement;

import io.strata.core.placement.Candidate;
import io.strata.core.placement.PlacementContext;
import io.strata.core.placement.PlacementRequest;
import io.strata.core.placement.PlacementScorer;
import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;

/**
 * Upstream's default NodeResourcesFit strategy, LeastAllocated: the mean of the free fractions of cpus and memory
 * after placing the pod. Example: 4 of 8 cpus and 1,024 of 4,096 MiB free, a pod of 1 cpu and 512 MiB:
 * ((3 / 8) + (512 / 4,096)) / 2 = 0.25.
 */
final class LeastAllocatedScorer implements PlacementScorer {

    @Override
    public String name() {
        return "least-allocated";
    }

    @Override
    public double score(PlacementRequest request, Candidate candidate, PlacementContext context) {
        return (free(request, candidate, Resource.CPUS) + free(request, candidate, Resource.MEM)) / 2;
    }

    private static double free(PlacementRequest request, Candidate candidate, String name) {
        double total = amount(candidate.total(), name);
        if (total <= 0) {
            return 0;
        }
        double left = amount(candidate.available(), name) - amount(request.resources(), name);
        return Math.max(0, Math.min(1, left / total));
    }

    private static double amount(Resources resources, String name) {
        return resources.scalar(name).asDouble();
    }
}
