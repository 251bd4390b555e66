package io.strata.core.placement;

import io.strata.core.resources.Resource;

/**
 * Prefers fuller agents: the score is the mean fraction of the agent's cpus and mem in use after the placement.
 *
 * <p>Example: an agent of 8 cpus / 32768 MB with 4 cpus / 16384 MB free, for a 1 cpu / 1024 MB task, scores
 * ((8 - 3) / 8 + (32768 - 15360) / 32768) / 2 = (0.625 + 0.53125) / 2 = 0.578. Names with a zero total are skipped;
 * an agent with neither scores 0.
 */
public final class BinPackScorer implements PlacementScorer {

    private static final String[] DIMENSIONS = {Resource.CPUS, Resource.MEM};

    @Override
    public String name() {
        return "bin-pack";
    }

    @Override
    public double score(PlacementRequest request, Candidate candidate, PlacementContext context) {
        double sum = 0;
        int counted = 0;
        for (String name : DIMENSIONS) {
            long total = candidate.total().scalar(name).thousandths();
            if (total <= 0) {
                continue;
            }
            long freeAfter = candidate.available().scalar(name).thousandths()
                    - request.resources().scalar(name).thousandths();
            sum += Math.clamp((double) (total - freeAfter) / total, 0.0, 1.0);
            counted++;
        }
        return counted == 0 ? 0 : sum / counted;
    }
}
