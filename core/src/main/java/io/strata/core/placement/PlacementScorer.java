package io.strata.core.placement;

/**
 * One step of the score stage: rates a candidate that passed every filter; higher is better.
 */
public interface PlacementScorer {

    /** Returns a short name for listings, e.g. "bin-pack". */
    String name();

    /** Returns a score in [0, 1] for placing {@code request} on {@code candidate}. */
    double score(PlacementRequest request, Candidate candidate, PlacementContext context);
}
