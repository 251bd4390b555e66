package io.strata.core.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.core.resources.Resources;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HierarchicalAllocatorTest {

    private static final Resources AGENT = Resources.parse("cpus:4;mem:4096;disk:1000;ports:[31000-32000]");
    private static final long NOW = 1_000_000L;

    private final HierarchicalAllocator allocator = new HierarchicalAllocator(new SplittableRandom(42));

    private void addAgents(int count, Resources total) {
        for (int i = 0; i < count; i++) {
            allocator.addAgent("agent" + i, total, Resources.EMPTY);
        }
    }

    private static Map<String, Long> offersPerFramework(List<OfferProposal> proposals) {
        return proposals.stream().collect(Collectors.groupingBy(OfferProposal::frameworkId, Collectors.counting()));
    }

    private void recoverAll(List<OfferProposal> proposals) {
        proposals.forEach(p -> allocator.recover(p.frameworkId(), p.agentId(), p.resources(), 0));
    }

    @Test
    void allocate_singleFramework_getsEveryAgentWhole() {
        addAgents(3, AGENT);
        allocator.addFramework("fw", "*", Set.of());
        List<OfferProposal> proposals = allocator.allocate(NOW);
        assertThat(proposals).hasSize(3).allSatisfy(p -> assertThat(p.resources()).isEqualTo(AGENT));
        assertThat(allocator.allocate(NOW)).isEmpty(); // everything is offered until recovered
        assertThat(allocator.allocated()).isEqualTo(allocator.total());
    }

    @Test
    void allocate_twoFrameworks_splitEvenly() {
        addAgents(4, AGENT);
        allocator.addFramework("a", "*", Set.of());
        allocator.addFramework("b", "*", Set.of());
        assertThat(offersPerFramework(allocator.allocate(NOW))).containsOnly(Map.entry("a", 2L), Map.entry("b", 2L));
        assertThat(allocator.frameworkShare("a")).isEqualTo(0.5); // 8 of 16 cpus
    }

    @Test
    void allocate_roleWeights_giveProportionalShares() {
        addAgents(4, AGENT);
        allocator.setWeight("a", 3);
        allocator.addFramework("fa", "a", Set.of());
        allocator.addFramework("fb", "b", Set.of());
        // a: 0 -> .25/3=.083 -> .5/3=.167 -> .75/3=.25 ; b: 0 -> .25 ; a stays at or below b until the end
        assertThat(offersPerFramework(allocator.allocate(NOW))).containsOnly(Map.entry("fa", 3L), Map.entry("fb", 1L));
        assertThat(allocator.roleShare("a")).isEqualTo(0.25);
    }

    @Test
    void recover_withFilter_skipsAgentUntilExpiry() {
        addAgents(1, AGENT);
        allocator.addFramework("fw", "*", Set.of());
        OfferProposal offer = allocator.allocate(NOW).getFirst();
        allocator.recover("fw", offer.agentId(), offer.resources(), NOW + 5_000);
        assertThat(allocator.available("agent0")).isEqualTo(AGENT);
        assertThat(allocator.allocate(NOW + 4_999)).isEmpty();
        assertThat(allocator.allocate(NOW + 5_000)).hasSize(1);
    }

    @Test
    void recover_withFilter_otherFrameworkStillGetsAgent() {
        addAgents(1, AGENT);
        allocator.addFramework("a", "*", Set.of());
        OfferProposal offer = allocator.allocate(NOW).getFirst();
        allocator.addFramework("b", "*", Set.of());
        allocator.recover("a", offer.agentId(), offer.resources(), NOW + 5_000);
        assertThat(allocator.allocate(NOW + 1)).extracting(OfferProposal::frameworkId).containsExactly("b");
    }

    @Test
    void filter_moreResourcesFree_offersAgain() {
        addAgents(1, AGENT);
        allocator.addFramework("fw", "*", Set.of());
        OfferProposal offer = allocator.allocate(NOW).getFirst();
        Resources half = Resources.parse("cpus:2;mem:2048");
        allocator.recover("fw", "agent0", half, NOW + 5_000); // declines half, keeps the rest (a task)
        assertThat(allocator.allocate(NOW + 1)).isEmpty(); // free = half, covered by the filter
        allocator.recover("fw", "agent0", offer.resources().minus(half), 0); // the task ends
        assertThat(allocator.allocate(NOW + 2)).extracting(OfferProposal::resources).containsExactly(AGENT);
    }

    @Test
    void suppress_stopsOffers_reviveClearsFilters() {
        addAgents(2, AGENT);
        allocator.addFramework("fw", "*", Set.of());
        List<OfferProposal> offers = allocator.allocate(NOW);
        offers.forEach(p -> allocator.recover("fw", p.agentId(), p.resources(), NOW + 60_000));
        allocator.suppress("fw");
        assertThat(allocator.isSuppressed("fw")).isTrue();
        assertThat(allocator.allocate(NOW + 1)).isEmpty();
        allocator.revive("fw");
        assertThat(allocator.allocate(NOW + 2)).hasSize(2); // filters gone although not expired
    }

    @Test
    void reservedResources_goOnlyToTheirRole() {
        Resources total = Resources.parse("cpus:2;mem:1024;cpus(ads):2;mem(ads):1024");
        allocator.addAgent("agent0", total, Resources.EMPTY);
        allocator.addFramework("web", "web", Set.of());
        List<OfferProposal> offers = allocator.allocate(NOW);
        assertThat(offers).singleElement()
                .satisfies(p -> assertThat(p.resources()).isEqualTo(Resources.parse("cpus:2;mem:1024")));
        allocator.addFramework("ads", "ads", Set.of());
        assertThat(allocator.allocate(NOW)).singleElement().satisfies(p -> {
            assertThat(p.frameworkId()).isEqualTo("ads");
            assertThat(p.resources()).isEqualTo(Resources.parse("cpus(ads):2;mem(ads):1024"));
        });
    }

    @Test
    void reservedAndUnreserved_bothOfferedToReservingRole() {
        Resources total = Resources.parse("cpus:2;mem:1024;cpus(ads):2");
        allocator.addAgent("agent0", total, Resources.EMPTY);
        allocator.addFramework("ads", "ads", Set.of());
        assertThat(allocator.allocate(NOW)).singleElement()
                .satisfies(p -> assertThat(p.resources()).isEqualTo(total));
    }

    @Test
    void gpuAgents_onlyForGpuCapableFrameworks() {
        allocator.addAgent("gpu", Resources.parse("cpus:4;mem:4096;gpus:1"), Resources.EMPTY);
        allocator.addFramework("plain", "*", Set.of());
        assertThat(allocator.allocate(NOW)).isEmpty();
        allocator.addFramework("ml", "*", Set.of(FrameworkCapability.GPU_RESOURCES));
        assertThat(allocator.allocate(NOW)).extracting(OfferProposal::frameworkId).containsExactly("ml");
    }

    @Test
    void deactivatedAgentOrFramework_getsNoOffers() {
        addAgents(1, AGENT);
        allocator.addFramework("fw", "*", Set.of());
        allocator.deactivateAgent("agent0");
        assertThat(allocator.allocate(NOW)).isEmpty();
        allocator.activateAgent("agent0");
        allocator.deactivateFramework("fw");
        assertThat(allocator.allocate(NOW)).isEmpty();
        allocator.activateFramework("fw");
        assertThat(allocator.allocate(NOW)).hasSize(1);
    }

    @Test
    void allocatable_requiresSomeCpusOrMemory() {
        allocator.addAgent("tiny", Resources.parse("cpus:0.009;mem:31;disk:100"), Resources.EMPTY);
        allocator.addAgent("cpuOnly", Resources.parse("cpus:0.01"), Resources.EMPTY);
        allocator.addAgent("memOnly", Resources.parse("mem:32"), Resources.EMPTY);
        allocator.addFramework("fw", "*", Set.of());
        assertThat(allocator.allocate(NOW)).extracting(OfferProposal::agentId)
                .containsExactlyInAnyOrder("cpuOnly", "memOnly");
    }

    @Test
    void addAgent_used_isNotOffered_untilRecovered() {
        allocator.addAgent("agent0", AGENT, Resources.parse("cpus:3;mem:1024"));
        allocator.addFramework("fw", "*", Set.of());
        assertThat(allocator.allocate(NOW)).singleElement()
                .satisfies(p -> assertThat(p.resources()).isEqualTo(Resources.parse("cpus:1;mem:3072;disk:1000;ports:[31000-32000]")));
        allocator.recover("fw", "agent0", Resources.parse("cpus:3;mem:1024"), 0); // the old task ends
        assertThat(allocator.allocate(NOW)).singleElement()
                .satisfies(p -> assertThat(p.resources()).isEqualTo(Resources.parse("cpus:3;mem:1024")));
    }

    @Test
    void addAgent_usedByKnownFramework_countsInItsShare() {
        allocator.addFramework("fw", "*", Set.of());
        allocator.addAgent("agent0", AGENT, Resources.EMPTY, Map.of("fw", Resources.parse("cpus:2")));
        assertThat(allocator.allocation("fw")).isEqualTo(Resources.parse("cpus:2"));
        assertThat(allocator.frameworkShare("fw")).isEqualTo(0.5);
    }

    @Test
    void removeFramework_releasesItsResources() {
        addAgents(2, AGENT);
        allocator.addFramework("a", "*", Set.of());
        allocator.allocate(NOW);
        allocator.removeFramework("a");
        assertThat(allocator.allocated()).isEqualTo(Resources.EMPTY);
        allocator.addFramework("b", "*", Set.of());
        assertThat(allocator.allocate(NOW)).hasSize(2);
        assertThat(allocator.frameworkIds()).containsExactly("b");
    }

    @Test
    void removeAgent_dropsAllocationsAndTotal() {
        addAgents(2, AGENT);
        allocator.addFramework("a", "*", Set.of());
        allocator.allocate(NOW);
        allocator.removeAgent("agent0");
        assertThat(allocator.total()).isEqualTo(AGENT);
        assertThat(allocator.allocation("a")).isEqualTo(AGENT);
        assertThat(allocator.agentIds()).containsExactly("agent1");
        allocator.recover("a", "agent0", AGENT, 0); // a late decline for a removed agent is ignored
    }

    @Test
    void updateAgentTotal_growsAvailable() {
        addAgents(1, AGENT);
        allocator.addFramework("fw", "*", Set.of());
        allocator.allocate(NOW);
        allocator.updateAgentTotal("agent0", AGENT.plus(Resources.parse("cpus:4")));
        assertThat(allocator.allocateAgent("agent0", NOW)).singleElement()
                .satisfies(p -> assertThat(p.resources()).isEqualTo(Resources.parse("cpus:4")));
    }

    @Test
    void unknownIds_throwIllegalState() {
        assertThatThrownBy(() -> allocator.suppress("nope")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> allocator.removeAgent("nope")).isInstanceOf(IllegalStateException.class);
        addAgents(1, AGENT);
        assertThatThrownBy(() -> allocator.addAgent("agent0", AGENT, Resources.EMPTY))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> allocator.addFramework("fw", "a/b", Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allocate_sameSeed_sameOffers() {
        HierarchicalAllocator other = new HierarchicalAllocator(new SplittableRandom(42));
        for (int i = 0; i < 20; i++) {
            allocator.addAgent("agent" + i, AGENT, Resources.EMPTY);
            other.addAgent("agent" + i, AGENT, Resources.EMPTY);
        }
        for (String fw : List.of("a", "b", "c")) {
            allocator.addFramework(fw, "*", Set.of());
            other.addFramework(fw, "*", Set.of());
        }
        assertThat(allocator.allocate(NOW)).isEqualTo(other.allocate(NOW));
        recoverAll(List.of());
    }
}
