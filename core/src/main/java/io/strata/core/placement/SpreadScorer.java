package io.strata.core.placement;

/**
 * Prefers agents with fewer instances of the request's group: score {@code 1 / (1 + instances on the agent)}, so
 * an empty agent scores 1, one with a single instance 0.5.
 */
public final class SpreadScorer implements PlacementScorer {

    @Override
    public String name() {
        return "spread";
    }

    @Override
    public double score(PlacementRequest request, Candidate candidate, PlacementContext context) {
        return 1.0 / (1 + candidate.placed(request.group()));
    }
}
