package io.strata.core.placement;

import io.strata.core.resources.Resources;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The result of one placement run: where each placed request goes and why each other one waits.
 *
 * @param assignments placed requests, in request order
 * @param unplaced requests that fit nowhere, in request order
 */
public record PlacementPlan(List<Assignment> assignments, List<Unplaced> unplaced) {

    /** Copies the lists. */
    public PlacementPlan {
        assignments = List.copyOf(assignments);
        unplaced = List.copyOf(unplaced);
    }

    /**
     * One placed request.
     *
     * @param requestId the request
     * @param agentId the chosen agent
     * @param hostname the chosen agent's hostname
     * @param resources the concrete resources taken, with roles and port numbers
     * @param ports the host ports picked for the request's port count, ascending
     */
    public record Assignment(String requestId, String agentId, String hostname, Resources resources,
            List<Long> ports) {

        /** Validates and copies. */
        public Assignment {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(resources, "resources");
            ports = List.copyOf(ports);
        }
    }

    /**
     * One request that could not be placed, with the rejections counted by reason.
     *
     * @param requestId the request
     * @param candidates how many candidates were considered
     * @param reasons rejection counts by reason, most frequent first
     */
    public record Unplaced(String requestId, int candidates, Map<String, Integer> reasons) {

        /** Copies the counts, ordered by count (descending) then reason. */
        public Unplaced {
            Objects.requireNonNull(requestId, "requestId");
            Map<String, Integer> ordered = new LinkedHashMap<>();
            reasons.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
            reasons = java.util.Collections.unmodifiableMap(ordered);
        }

        /** Returns e.g. {@code 0/3 nodes are available: 2 Insufficient memory, 1 didn't match constraint ...}. */
        public String summary() {
            String prefix = "0/" + candidates + " nodes are available";
            if (reasons.isEmpty()) {
                return prefix + ".";
            }
            return prefix + ": " + reasons.entrySet().stream()
                    .map(entry -> entry.getValue() + " " + entry.getKey())
                    .collect(Collectors.joining(", ")) + ".";
        }
    }

    /** Returns the assignment of a request. */
    public Optional<Assignment> assignment(String requestId) {
        return assignments.stream().filter(a -> a.requestId().equals(requestId)).findFirst();
    }

    /** Returns everything taken on each agent, summed over its assignments. */
    public Map<String, Resources> takenByAgent() {
        Map<String, Resources> taken = new HashMap<>();
        for (Assignment assignment : assignments) {
            taken.merge(assignment.agentId(), assignment.resources(), Resources::plus);
        }
        return taken;
    }
}
