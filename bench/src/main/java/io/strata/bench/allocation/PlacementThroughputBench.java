package io.strata.bench.allocation;

import io.strata.core.allocator.HierarchicalAllocator;
import io.strata.core.allocator.OfferProposal;
import io.strata.core.placement.Candidate;
import io.strata.core.placement.PlacementPipeline;
import io.strata.core.placement.PlacementPlan;
import io.strata.core.placement.PlacementRequest;
import io.strata.core.resources.Attributes;
import io.strata.core.resources.Resources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Allocator plus placement pipeline in one process, no HTTP: N agents of 8 cpus / 32 GiB, A frameworks with C
 * tasks of 1 cpu / 1 GiB each. Loop: allocate, each framework places its pending tasks on its offers, unused
 * resources are recovered, done frameworks suppress; until every task is placed. Prints placements per second
 * (wall time of the whole loop, allocation included). Target: at least 25,000 per second.
 *
 * <p>Arguments (all optional): agents (5000), frameworks (100), tasks per framework (300), repetitions (7).
 */
public final class PlacementThroughputBench {

    private static final Resources AGENT = Resources.parse("cpus:8;mem:32768;disk:100000;ports:[31000-32000]");
    private static final Resources TASK = Resources.parse("cpus:1;mem:1024");

    private PlacementThroughputBench() {
    }

    private record Result(int placed, int rounds, double seconds) {
    }

    /** Runs warm-up repetitions, then prints the median and best run for 1 and 4 roles. */
    public static void main(String[] args) {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int frameworks = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        System.out.printf("%-6s %-7s %-10s %-8s %-7s %-12s %-14s %-14s%n", "roles", "agents", "frameworks",
                "tasks", "rounds", "median ms", "median plc/s", "best plc/s");
        for (int roles : new int[] {1, 4}) {
            for (int i = 0; i < 3; i++) {
                simulate(agents, frameworks, tasks, roles, i); // warm-up
            }
            Result[] results = new Result[repetitions];
            for (int i = 0; i < repetitions; i++) {
                results[i] = simulate(agents, frameworks, tasks, roles, 100 + i);
            }
            Arrays.sort(results, (a, b) -> Double.compare(a.seconds, b.seconds));
            Result median = results[repetitions / 2];
            System.out.printf("%-6d %-7d %-10d %-8d %-7d %-12.1f %-14.0f %-14.0f%n", roles, agents, frameworks,
                    median.placed, median.rounds, median.seconds * 1e3, median.placed / median.seconds,
                    results[0].placed / results[0].seconds);
        }
    }

    private static Result simulate(int agents, int frameworks, int tasksEach, int roles, long seed) {
        HierarchicalAllocator allocator = new HierarchicalAllocator(new SplittableRandom(seed));
        PlacementPipeline pipeline = new PlacementPipeline();
        Map<String, Resources> totals = new HashMap<>();
        for (int i = 0; i < agents; i++) {
            allocator.addAgent("agent-" + i, AGENT, Resources.EMPTY);
            totals.put("agent-" + i, AGENT);
        }
        Map<String, List<PlacementRequest>> pending = new HashMap<>();
        Map<String, Map<String, Integer>> placedPerAgent = new HashMap<>();
        for (int f = 0; f < frameworks; f++) {
            String id = "framework-" + f;
            String role = roles == 1 ? "*" : "role-" + (f % roles);
            allocator.addFramework(id, role, Set.of());
            List<PlacementRequest> requests = new ArrayList<>(tasksEach);
            for (int t = 0; t < tasksEach; t++) {
                requests.add(new PlacementRequest(id + ".task-" + t, id, TASK, 0, role, Set.of(), List.of()));
            }
            pending.put(id, requests);
            placedPerAgent.put(id, new HashMap<>());
        }
        long start = System.nanoTime();
        long now = 1_000_000L;
        int placed = 0;
        int rounds = 0;
        int total = frameworks * tasksEach;
        while (placed < total) {
            rounds++;
            List<OfferProposal> offers = allocator.allocate(now);
            if (offers.isEmpty()) {
                throw new IllegalStateException("no offers with " + (total - placed) + " tasks pending");
            }
            Map<String, List<OfferProposal>> byFramework = new HashMap<>();
            for (OfferProposal offer : offers) {
                byFramework.computeIfAbsent(offer.frameworkId(), k -> new ArrayList<>()).add(offer);
            }
            for (Map.Entry<String, List<OfferProposal>> entry : byFramework.entrySet()) {
                placed += placeOnOffers(allocator, pipeline, entry.getKey(), entry.getValue(), pending, totals,
                        placedPerAgent.get(entry.getKey()), seed);
            }
            now += 1_000;
        }
        return new Result(placed, rounds, (System.nanoTime() - start) / 1e9);
    }

    /** One framework's turn: place, recover what is unused, suppress when done; returns the placements. */
    private static int placeOnOffers(HierarchicalAllocator allocator, PlacementPipeline pipeline, String framework,
            List<OfferProposal> offers, Map<String, List<PlacementRequest>> pending, Map<String, Resources> totals,
            Map<String, Integer> placedPerAgent, long seed) {
        List<Candidate> candidates = new ArrayList<>(offers.size());
        for (OfferProposal offer : offers) {
            int here = placedPerAgent.getOrDefault(offer.agentId(), 0);
            candidates.add(new Candidate(offer.agentId(), offer.agentId(), Attributes.EMPTY, offer.resources(),
                    totals.get(offer.agentId()), here == 0 ? Map.of() : Map.of(framework, here)));
        }
        List<PlacementRequest> waiting = pending.get(framework);
        PlacementPlan plan = waiting.isEmpty()
                ? new PlacementPlan(List.of(), List.of()) : pipeline.place(waiting, candidates, seed);
        Map<String, Resources> taken = plan.takenByAgent();
        for (OfferProposal offer : offers) {
            Resources unused = offer.resources().minus(taken.getOrDefault(offer.agentId(), Resources.EMPTY));
            allocator.recover(framework, offer.agentId(), unused, 0);
        }
        Set<String> placedIds = new HashSet<>();
        for (PlacementPlan.Assignment assignment : plan.assignments()) {
            placedIds.add(assignment.requestId());
            placedPerAgent.merge(assignment.agentId(), 1, Integer::sum);
        }
        if (!placedIds.isEmpty()) {
            waiting.removeIf(request -> placedIds.contains(request.id()));
        }
        if (waiting.isEmpty()) {
            allocator.suppress(framework);
        }
        return placedIds.size();
    }
}
