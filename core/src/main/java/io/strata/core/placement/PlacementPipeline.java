package io.strata.core.placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Places pending requests on candidates: for each request in order, filter every candidate, score the ones that
 * fit, select the best, take concrete resources, and let later requests see what is left.
 *
 * <p>Candidates are visited in an order shuffled with a seed derived from the run seed and the request id, so a
 * run can be replayed exactly and equal scores are broken differently per request instead of always favouring
 * the first agent. Only the first rejection of each candidate is recorded. The pipeline is stateless and
 * thread-safe; each call works on its own copy of the candidates.
 */
public final class PlacementPipeline {

    private final PlacementRegistry registry;

    /** Creates a pipeline running the parts listed in {@code registry}. */
    public PlacementPipeline(PlacementRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Creates a pipeline with {@link PlacementRegistry#defaults()}. */
    public PlacementPipeline() {
        this(PlacementRegistry.defaults());
    }

    /**
     * Places {@code pending} in order on {@code candidates}.
     *
     * @param seed the run seed; the same inputs and seed give the same plan
     */
    public PlacementPlan place(List<PlacementRequest> pending, List<Candidate> candidates, long seed) {
        PlacementState state = new PlacementState(candidates);
        List<PlacementPlan.Assignment> assignments = new ArrayList<>();
        List<PlacementPlan.Unplaced> unplaced = new ArrayList<>();
        int[] order = new int[state.size()];
        for (PlacementRequest request : pending) {
            shuffle(order, seedFor(seed, request.id()));
            Map<String, Integer> reasons = new HashMap<>();
            int chosen = select(request, state, order, reasons);
            Optional<ResourceMatcher.Match> match = chosen < 0
                    ? Optional.empty() : ResourceMatcher.match(request, state.candidate(chosen));
            if (match.isPresent()) {
                Candidate candidate = state.candidate(chosen);
                state.place(chosen, request, match.get());
                assignments.add(new PlacementPlan.Assignment(request.id(), candidate.agentId(),
                        candidate.hostname(), match.get().resources(), match.get().ports()));
            } else {
                if (chosen >= 0) {
                    reasons.merge(ResourcesFilter.INSUFFICIENT_PORTS, 1, Integer::sum);
                }
                unplaced.add(new PlacementPlan.Unplaced(request.id(), state.size(), reasons));
            }
        }
        return new PlacementPlan(assignments, unplaced);
    }

    /** Filters and scores every candidate; returns the best index or -1, recording rejections in reasons. */
    private int select(PlacementRequest request, PlacementState state, int[] order, Map<String, Integer> reasons) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int index : order) {
            Candidate candidate = state.candidate(index);
            Verdict verdict = filter(request, candidate, state);
            switch (verdict) {
                case Verdict.Fits fits -> {
                    double score = score(request, candidate, state);
                    if (score > bestScore) {
                        best = index;
                        bestScore = score;
                    }
                }
                case Verdict.Rejected rejected -> reasons.merge(rejected.reason(), 1, Integer::sum);
            }
        }
        return best;
    }

    private Verdict filter(PlacementRequest request, Candidate candidate, PlacementContext context) {
        for (PlacementFilter filter : registry.filters()) {
            Verdict verdict = filter.filter(request, candidate, context);
            if (verdict instanceof Verdict.Rejected) {
                return verdict;
            }
        }
        return Verdict.FITS;
    }

    private double score(PlacementRequest request, Candidate candidate, PlacementContext context) {
        if (registry.scorers().isEmpty()) {
            return 1.0;
        }
        double weighted = 0;
        double weights = 0;
        for (PlacementRegistry.WeightedScorer part : registry.scorers()) {
            weighted += part.weight() * part.scorer().score(request, candidate, context);
            weights += part.weight();
        }
        return weighted / weights;
    }

    /** Mixes the run seed with the request id so each request gets its own replayable order. */
    static long seedFor(long seed, String requestId) {
        return seed * 0x9E3779B97F4A7C15L ^ requestId.hashCode();
    }

    private static void shuffle(int[] order, long seed) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
