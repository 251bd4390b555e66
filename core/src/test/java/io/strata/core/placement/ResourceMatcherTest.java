package io.strata.core.placement;

import static io.strata.core.placement.PlacementFixtures.candidate;
import static io.strata.core.placement.PlacementFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.resources.Resources;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceMatcherTest {

    @Test
    void match_javadocExample_reservedFirstThenUnreserved() {
        Candidate agent = candidate("a", "cpus(web):1;cpus:4;ports:[31000-31005]", "");
        ResourceMatcher.Match match = ResourceMatcher.match(request("t", "cpus:1.5", 2, "web", Set.of()), agent)
                .orElseThrow();
        assertThat(match.resources()).isEqualTo(Resources.parse("cpus(web):1;cpus:0.5;ports:[31000-31001]"));
        assertThat(match.ports()).containsExactly(31000L, 31001L);
    }

    @Test
    void match_fixedPortsAndCount_doNotOverlap() {
        Candidate agent = candidate("a", "cpus:4;ports:[31000-31003]", "");
        ResourceMatcher.Match match = ResourceMatcher.match(request("t", "cpus:1;ports:[31000-31000]", 2, "*",
                Set.of()), agent).orElseThrow();
        assertThat(match.ports()).containsExactly(31001L, 31002L);
        assertThat(match.resources().ports()).isEqualTo(io.strata.core.resources.Ranges.of(31000, 31002));
    }

    @Test
    void match_notEnough_isEmpty() {
        assertThat(ResourceMatcher.match(request("t", "cpus:5", 0, "*", Set.of()), candidate("a", "cpus:4", "")))
                .isEmpty();
        assertThat(ResourceMatcher.match(request("t", "cpus:1", 1, "*", Set.of()), candidate("a", "cpus:4", "")))
                .isEmpty();
    }
}
