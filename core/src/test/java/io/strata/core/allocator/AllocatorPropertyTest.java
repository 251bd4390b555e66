package io.strata.core.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.core.resources.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;

/** Random operation sequences: offers never exceed agent totals, and recovering everything restores them. */
class AllocatorPropertyTest {

    @RepeatedTest(20)
    void randomOperations_neverOverAllocate_andRecoverRestores() {
        long seed = new SplittableRandom().nextLong();
        System.out.println("AllocatorPropertyTest seed=" + seed);
        Random random = new Random(seed);
        HierarchicalAllocator allocator = new HierarchicalAllocator(new SplittableRandom(seed));
        Map<String, Resources> totals = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            Resources total = Resources.parse("cpus:" + (1 + random.nextInt(8)) + ";mem:" + (256 + random.nextInt(4096))
                    + ";ports:[31000-" + (31000 + random.nextInt(100)) + "]"
                    + (random.nextInt(4) == 0 ? ";cpus(r1):2" : ""));
            totals.put("agent" + i, total);
            allocator.addAgent("agent" + i, total, Resources.EMPTY);
        }
        List<String> roles = List.of("*", "r1", "r2");
        for (int f = 0; f < 5; f++) {
            allocator.addFramework("fw" + f, roles.get(random.nextInt(roles.size())), Set.of());
        }
        List<OfferProposal> outstanding = new ArrayList<>();
        long now = 0;
        for (int step = 0; step < 200; step++) {
            now += random.nextInt(1000);
            switch (random.nextInt(5)) {
                case 0, 1 -> outstanding.addAll(allocator.allocate(now));
                case 2 -> recoverPart(allocator, outstanding, random, now);
                case 3 -> {
                    String fw = "fw" + random.nextInt(5);
                    if (random.nextBoolean()) {
                        allocator.suppress(fw);
                    } else {
                        allocator.revive(fw);
                    }
                }
                default -> allocator.allocateAgent("agent" + random.nextInt(8), now).forEach(outstanding::add);
            }
            assertWithinTotals(allocator, totals, outstanding, seed);
        }
        for (OfferProposal offer : outstanding) {
            allocator.recover(offer.frameworkId(), offer.agentId(), offer.resources(), 0);
        }
        for (Map.Entry<String, Resources> agent : totals.entrySet()) {
            assertThat(allocator.available(agent.getKey())).as("seed %d", seed).isEqualTo(agent.getValue());
        }
        assertThat(allocator.allocated()).as("seed %d", seed).isEqualTo(Resources.EMPTY);
    }

    /** Recovers a random part of a random outstanding offer, sometimes with a filter. */
    private static void recoverPart(HierarchicalAllocator allocator, List<OfferProposal> outstanding, Random random,
            long now) {
        if (outstanding.isEmpty()) {
            return;
        }
        OfferProposal offer = outstanding.remove(random.nextInt(outstanding.size()));
        Resources part = random.nextBoolean() ? offer.resources() : offer.resources().unreserved();
        long refuseUntil = random.nextBoolean() ? 0 : now + random.nextInt(5000);
        allocator.recover(offer.frameworkId(), offer.agentId(), part, refuseUntil);
        Resources kept = offer.resources().minus(part);
        if (!kept.isEmpty()) {
            outstanding.add(new OfferProposal(offer.frameworkId(), offer.agentId(), kept));
        }
    }

    private static void assertWithinTotals(HierarchicalAllocator allocator, Map<String, Resources> totals,
            List<OfferProposal> outstanding, long seed) {
        Map<String, Resources> offered = new HashMap<>();
        for (OfferProposal offer : outstanding) {
            offered.merge(offer.agentId(), offer.resources(), Resources::plus);
        }
        for (Map.Entry<String, Resources> agent : totals.entrySet()) {
            Resources taken = offered.getOrDefault(agent.getKey(), Resources.EMPTY);
            assertThat(agent.getValue().contains(taken)).as("seed %d agent %s", seed, agent.getKey()).isTrue();
            assertThat(allocator.available(agent.getKey()).plus(taken)).as("seed %d", seed).isEqualTo(agent.getValue());
        }
    }
}
