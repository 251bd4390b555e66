package io.strata.core.placement;

import io.strata.core.resources.AttributeParser;
import io.strata.core.resources.Resources;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small builders shared by the placement tests. */
final class PlacementFixtures {

    static final PlacementContext NO_INSTANCES = (group, field) -> Map.of();

    private PlacementFixtures() {
    }

    static Candidate candidate(String host, String resources, String attributes) {
        return Candidate.of(host, host, AttributeParser.parse(attributes), Resources.parse(resources));
    }

    static Candidate candidate(String host, String resources, String attributes, int placedOfApp) {
        Resources available = Resources.parse(resources);
        return new Candidate(host, host, AttributeParser.parse(attributes), available, available,
                placedOfApp == 0 ? Map.of() : Map.of("app", placedOfApp));
    }

    static PlacementRequest request(String id, String resources, String... constraints) {
        return new PlacementRequest(id, "app", Resources.parse(resources), 0, "*", Set.of(),
                java.util.Arrays.stream(constraints).map(PlacementConstraint::parse).toList());
    }

    static PlacementRequest request(String id, String resources, int ports, String role, Set<String> accepted) {
        return new PlacementRequest(id, "app", Resources.parse(resources), ports, role, accepted, List.of());
    }
}
