package io.strata.core.placement;

import java.util.List;
import java.util.Objects;

/**
 * The one list of placement parts: filters in the order they run (cheap first) and weighted scorers.
 *
 * @param filters filters, run in order; the first rejection wins
 * @param scorers scorers with weights; a candidate's score is the weighted mean, in [0, 1]
 */
public record PlacementRegistry(List<PlacementFilter> filters, List<WeightedScorer> scorers) {

    /**
     * A scorer with its weight.
     *
     * @param scorer the scorer
     * @param weight a positive weight
     */
    public record WeightedScorer(PlacementScorer scorer, double weight) {

        /** Validates the weight is positive and finite. */
        public WeightedScorer {
            Objects.requireNonNull(scorer, "scorer");
            if (!(weight > 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("scorer weight must be positive: " + weight);
            }
        }
    }

    /** Copies the lists. */
    public PlacementRegistry {
        filters = List.copyOf(filters);
        scorers = List.copyOf(scorers);
    }

    /**
     * Returns the default pipeline: accepted roles, resources, constraints (cheapest first), scored by bin-packing.
     */
    public static PlacementRegistry defaults() {
        return new PlacementRegistry(defaultFilters(), List.of(new WeightedScorer(new BinPackScorer(), 1.0)));
    }

    /** Returns the default filters with spreading instead of bin-packing. */
    public static PlacementRegistry spreading() {
        return new PlacementRegistry(defaultFilters(), List.of(new WeightedScorer(new SpreadScorer(), 1.0)));
    }

    private static List<PlacementFilter> defaultFilters() {
        return List.of(new AcceptedRolesFilter(), new ResourcesFilter(), new ConstraintFilter());
    }
}
