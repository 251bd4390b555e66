package io.strata.core.placement;

import java.util.Map;

/**
 * What filters and scorers may know beyond one candidate: instance counts over all candidates of the run,
 * including the placements already made earlier in the same run.
 */
public interface PlacementContext {

    /**
     * Returns, for {@code group}, how many instances sit on agents with each value of {@code field}; values
     * with no instance are absent. For {@code hostname} the keys are hostnames. Unmodifiable.
     */
    Map<String, Integer> valueCounts(String group, String field);
}
