package io.strata.core.placement;

import static io.strata.core.placement.PlacementFixtures.NO_INSTANCES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.strata.core.resources.Attributes;
import io.strata.core.resources.Resources;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorersTest {

    @Test
    void binPack_worksTheJavadocExample() {
        Candidate agent = new Candidate("a", "a", Attributes.EMPTY, Resources.parse("cpus:4;mem:16384"),
                Resources.parse("cpus:8;mem:32768"), Map.of());
        double score = new BinPackScorer().score(PlacementFixtures.request("t", "cpus:1;mem:1024"), agent, NO_INSTANCES);
        assertThat(score).isCloseTo((0.625 + 0.53125) / 2, within(1e-9));
    }

    @Test
    void binPack_fullerAgentScoresHigher() {
        Resources total = Resources.parse("cpus:8;mem:8192");
        Candidate empty = new Candidate("a", "a", Attributes.EMPTY, total, total, Map.of());
        Candidate busy = new Candidate("b", "b", Attributes.EMPTY, Resources.parse("cpus:2;mem:2048"), total, Map.of());
        BinPackScorer scorer = new BinPackScorer();
        PlacementRequest request = PlacementFixtures.request("t", "cpus:1;mem:1024");
        assertThat(scorer.score(request, busy, NO_INSTANCES)).isGreaterThan(scorer.score(request, empty, NO_INSTANCES));
    }

    @Test
    void spread_prefersAgentsWithFewerInstances() {
        SpreadScorer scorer = new SpreadScorer();
        PlacementRequest request = PlacementFixtures.request("t", "cpus:1");
        assertThat(scorer.score(request, PlacementFixtures.candidate("a", "cpus:1", "", 0), NO_INSTANCES)).isEqualTo(1.0);
        assertThat(scorer.score(request, PlacementFixtures.candidate("a", "cpus:1", "", 1), NO_INSTANCES)).isEqualTo(0.5);
    }
}
