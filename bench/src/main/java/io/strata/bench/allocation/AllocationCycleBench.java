package io.strata.bench.allocation;

import io.strata.core.allocator.HierarchicalAllocator;
import io.strata.core.allocator.OfferProposal;
import io.strata.core.resources.Resources;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Times one {@link HierarchicalAllocator#allocate(long)} cycle at 10,000 agents x 100 frameworks, with 1 role and
 * with 4 roles of equal weight. Every cycle really offers every agent: the offers are recovered (untimed) between
 * cycles. Target: p99 under 50 ms on 2 cores.
 *
 * <p>Arguments (all optional): agents, frameworks, measured cycles, warm-up cycles.
 */
public final class AllocationCycleBench {

    private static final Resources AGENT = Resources.parse("cpus:8;mem:32768;disk:100000;ports:[31000-32000]");

    private AllocationCycleBench() {
    }

    /** Runs the benchmark and prints one table row per role count. */
    public static void main(String[] args) {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int frameworks = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        System.out.printf("%-6s %-7s %-10s %-12s %-8s %-8s %-8s%n",
                "roles", "agents", "frameworks", "offers/cyc", "p50 ms", "p99 ms", "max ms");
        for (int roles : new int[] {1, 4}) {
            run(agents, frameworks, roles, cycles, warmup);
        }
    }

    private static void run(int agents, int frameworks, int roles, int cycles, int warmup) {
        HierarchicalAllocator allocator = new HierarchicalAllocator(new SplittableRandom(42));
        for (int i = 0; i < agents; i++) {
            allocator.addAgent("agent-" + i, AGENT, Resources.EMPTY);
        }
        for (int f = 0; f < frameworks; f++) {
            String role = roles == 1 ? "*" : "role-" + (f % roles);
            allocator.addFramework("framework-" + f, role, Set.of());
        }
        for (int r = 0; r < roles && roles > 1; r++) {
            allocator.setWeight("role-" + r, 1.0);
        }
        double[] millis = new double[cycles];
        long now = 1_000_000L;
        int offers = 0;
        for (int cycle = 0; cycle < warmup + cycles; cycle++) {
            long start = System.nanoTime();
            List<OfferProposal> proposals = allocator.allocate(now);
            long elapsed = System.nanoTime() - start;
            if (proposals.size() != agents) {
                throw new IllegalStateException("cycle offered " + proposals.size() + " agents, not " + agents);
            }
            offers = proposals.size();
            for (OfferProposal offer : proposals) {
                allocator.recover(offer.frameworkId(), offer.agentId(), offer.resources(), 0);
            }
            if (cycle >= warmup) {
                millis[cycle - warmup] = elapsed / 1e6;
            }
            now += 1_000;
        }
        Arrays.sort(millis);
        System.out.printf("%-6d %-7d %-10d %-12d %-8.2f %-8.2f %-8.2f%n", roles, agents, frameworks, offers,
                percentile(millis, 0.50), percentile(millis, 0.99), millis[millis.length - 1]);
    }

    private static double percentile(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }
}
