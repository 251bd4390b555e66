package io.strata.core.placement;

/**
 * One step of the filter stage: decides whether a request may go to a candidate, and if not, why.
 *
 * <p>Filters are pure and cheap ones run first; the first rejection of a candidate is the one recorded.
 * Reasons are constants of the implementing class, so they can be counted and shown ("2 Insufficient memory").
 */
public interface PlacementFilter {

    /** Returns a short name for listings, e.g. "resources". */
    String name();

    /** Returns {@link Verdict#FITS} or a {@link Verdict.Rejected} with a reason constant. */
    Verdict filter(PlacementRequest request, Candidate candidate, PlacementContext context);
}
