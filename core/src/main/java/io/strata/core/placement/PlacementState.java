package io.strata.core.placement;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable working set of one placement run: the candidates as they shrink, and instance counts per
 * (group, field, value), computed on first use and kept up to date as placements are made.
 */
final class PlacementState implements PlacementContext {

    private final Candidate[] candidates;
    private final Map<String, Map<String, Map<String, Integer>>> countsByGroup = new HashMap<>();

    PlacementState(List<Candidate> candidates) {
        this.candidates = candidates.toArray(new Candidate[0]);
    }

    int size() {
        return candidates.length;
    }

    Candidate candidate(int index) {
        return candidates[index];
    }

    @Override
    public Map<String, Integer> valueCounts(String group, String field) {
        Map<String, Map<String, Integer>> byField = countsByGroup.computeIfAbsent(group, g -> new HashMap<>());
        Map<String, Integer> counts = byField.get(field);
        if (counts == null) {
            counts = new HashMap<>();
            for (Candidate candidate : candidates) {
                int placed = candidate.placed(group);
                String value = placed == 0 ? null : candidate.fieldValue(field);
                if (value != null) {
                    counts.merge(value, placed, Integer::sum);
                }
            }
            byField.put(field, counts);
        }
        return Collections.unmodifiableMap(counts);
    }

    /** Records that {@code request} took {@code match} on candidate {@code index}. */
    void place(int index, PlacementRequest request, ResourceMatcher.Match match) {
        Candidate before = candidates[index];
        candidates[index] = before.afterPlacing(request.group(), match.resources());
        Map<String, Map<String, Integer>> byField = countsByGroup.get(request.group());
        if (byField != null) {
            byField.forEach((field, counts) -> {
                String value = before.fieldValue(field);
                if (value != null) {
                    counts.merge(value, 1, Integer::sum);
                }
            });
        }
    }
}
