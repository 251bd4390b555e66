package io.strata.core.placement;

import static io.strata.core.placement.PlacementFixtures.candidate;
import static io.strata.core.placement.PlacementFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.resources.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementPipelineTest {

    private final PlacementPipeline pipeline = new PlacementPipeline();

    @Test
    void place_unplaceable_countsReasonsPerCandidate() {
        List<Candidate> candidates = List.of(
                candidate("h1", "cpus:4;mem:256", "rack:r1"),
                candidate("h2", "cpus:4;mem:512", "rack:r2"),
                candidate("h3", "cpus:4;mem:8192", "rack:r3", 1));
        PlacementPlan plan = pipeline.place(List.of(request("t1", "cpus:1;mem:1024", "hostname:UNIQUE")),
                candidates, 1);
        assertThat(plan.assignments()).isEmpty();
        PlacementPlan.Unplaced unplaced = plan.unplaced().getFirst();
        assertThat(unplaced.summary())
                .isEqualTo("0/3 nodes are available: 2 Insufficient memory, 1 didn't match constraint hostname:UNIQUE.");
    }

    @Test
    void place_uniqueHostname_laterRequestsSeeEarlierPlacements() {
        List<Candidate> candidates = List.of(candidate("h1", "cpus:8", ""), candidate("h2", "cpus:8", ""));
        List<PlacementRequest> requests = List.of(request("t1", "cpus:1", "hostname:UNIQUE"),
                request("t2", "cpus:1", "hostname:UNIQUE"), request("t3", "cpus:1", "hostname:UNIQUE"));
        PlacementPlan plan = pipeline.place(requests, candidates, 7);
        assertThat(plan.assignments()).extracting(PlacementPlan.Assignment::agentId)
                .containsExactlyInAnyOrder("h1", "h2");
        assertThat(plan.unplaced()).singleElement()
                .satisfies(u -> assertThat(u.reasons()).containsEntry("didn't match constraint hostname:UNIQUE", 2));
    }

    @Test
    void place_resourcesShrinkWithinARun() {
        List<Candidate> candidates = List.of(candidate("h1", "cpus:2;mem:2048;ports:[31000-31003]", ""));
        List<PlacementRequest> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(request("t" + i, "cpus:1;mem:1024", 2, "*", Set.of()));
        }
        PlacementPlan plan = pipeline.place(requests, candidates, 3);
        assertThat(plan.assignments()).hasSize(2);
        assertThat(plan.assignments()).flatExtracting(PlacementPlan.Assignment::ports)
                .containsExactly(31000L, 31001L, 31002L, 31003L);
        assertThat(plan.takenByAgent().get("h1")).isEqualTo(Resources.parse("cpus:2;mem:2048;ports:[31000-31003]"));
        assertThat(plan.unplaced().getFirst().summary()).isEqualTo("0/1 nodes are available: 1 Insufficient cpus.");
    }

    @Test
    void place_groupBy_spreadsOverRacks() {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            candidates.add(candidate("h" + i, "cpus:8", "rack:r" + (i % 3)));
        }
        List<PlacementRequest> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(request("t" + i, "cpus:1", "rack:GROUP_BY:3"));
        }
        PlacementPlan plan = pipeline.place(requests, candidates, 11);
        assertThat(plan.assignments()).hasSize(6);
        assertThat(plan.assignments().stream()
                .map(a -> Integer.parseInt(a.agentId().substring(1)) % 3)
                .collect(java.util.stream.Collectors.groupingBy(r -> r, java.util.stream.Collectors.counting())))
                .containsOnlyKeys(0, 1, 2).allSatisfy((rack, count) -> assertThat(count).isEqualTo(2L));
    }

    @Test
    void place_sameSeed_samePlan_otherSeedMayDiffer() {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            candidates.add(candidate("h" + i, "cpus:8", ""));
        }
        List<PlacementRequest> requests = List.of(request("a", "cpus:1"), request("b", "cpus:1"));
        PlacementPipeline spreading = new PlacementPipeline(PlacementRegistry.spreading());
        assertThat(spreading.place(requests, candidates, 5)).isEqualTo(spreading.place(requests, candidates, 5));
    }

    @Test
    void place_binPack_fillsOneAgentFirst() {
        List<Candidate> candidates = List.of(candidate("h1", "cpus:4", ""), candidate("h2", "cpus:4", ""));
        List<PlacementRequest> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(request("t" + i, "cpus:1"));
        }
        PlacementPlan plan = pipeline.place(requests, candidates, 9);
        assertThat(plan.assignments()).extracting(PlacementPlan.Assignment::agentId).containsOnly(plan
                .assignments().getFirst().agentId());
    }

    @Test
    void place_noCandidates_saysSo() {
        PlacementPlan plan = pipeline.place(List.of(request("t", "cpus:1")), List.of(), 1);
        assertThat(plan.unplaced().getFirst().summary()).isEqualTo("0/0 nodes are available.");
    }
}
