package io.strata.kubernetes.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Upstream's rolling update arithmetic (deployment/util and rolling.go), pure. */
public final class RollingUpdate {

    private RollingUpdate() {
    }

    /** One ReplicaSet as the arithmetic sees it: its name, spec.replicas and status.availableReplicas. */
    public record Rs(String name, int replicas, int available) {
    }

    /** The resolved bounds of a rolling update. */
    public record Bounds(int maxSurge, int maxUnavailable) {
    }

    /**
     * Resolves maxSurge (percent rounded up) and maxUnavailable (percent rounded down) against {@code replicas};
     * when both are 0 maxUnavailable becomes 1, as upstream's ResolveFenceposts.
     */
    public static Bounds bounds(JsonNode maxSurge, JsonNode maxUnavailable, int replicas) {
        int surge = resolve(maxSurge, replicas, true, 25);
        int unavailable = resolve(maxUnavailable, replicas, false, 25);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new Bounds(surge, unavailable);
    }

    /** An IntOrString: an int, or a percent of {@code total} rounded up or down; missing means {@code defPercent}%. */
    static int resolve(JsonNode value, int total, boolean roundUp, int defPercent) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return percent(defPercent, total, roundUp);
        }
        if (value.isNumber()) {
            return value.asInt();
        }
        String s = value.asText().trim();
        if (s.endsWith("%")) {
            return percent(Integer.parseInt(s.substring(0, s.length() - 1)), total, roundUp);
        }
        return Integer.parseInt(s);
    }

    private static int percent(int p, int total, boolean roundUp) {
        long scaled = (long) p * total;
        return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
    }

    /**
     * The new ReplicaSet's replicas: scale down to {@code replicas} when above, otherwise up by what the surge
     * allows (upstream's NewRSNewReplicas for RollingUpdate).
     */
    public static int newReplicas(int replicas, Bounds b, int allReplicas, int newRsReplicas) {
        if (newRsReplicas == replicas) {
            return newRsReplicas;
        }
        if (newRsReplicas > replicas) {
            return replicas;
        }
        int maxTotal = replicas + b.maxSurge();
        if (allReplicas >= maxTotal) {
            return newRsReplicas;
        }
        int scaleUp = Math.min(maxTotal - allReplicas, replicas - newRsReplicas);
        return newRsReplicas + scaleUp;
    }

    /**
     * The old ReplicaSets' new replicas (only those that change), oldest first in {@code olds}: first the
     * unhealthy replicas within what may be scaled down, then available ones down to the minimum availability
     * (upstream's reconcileOldReplicaSets, cleanupUnhealthyReplicas and scaleDownOldReplicaSetsForRollingUpdate).
     */
    public static Map<String, Integer> scaleDownOld(int replicas, Bounds b, Rs newRs, List<Rs> olds) {
        Map<String, Integer> out = new LinkedHashMap<>();
        int oldPods = olds.stream().mapToInt(Rs::replicas).sum();
        if (oldPods == 0) {
            return out;
        }
        int allPods = oldPods + (newRs == null ? 0 : newRs.replicas());
        int minAvailable = replicas - b.maxUnavailable();
        int newUnavailable = newRs == null ? 0 : newRs.replicas() - newRs.available();
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return out;
        }
        Map<String, Integer> spec = new LinkedHashMap<>();
        olds.forEach(r -> spec.put(r.name(), r.replicas()));
        int cleaned = 0;
        for (Rs r : olds) {
            if (cleaned >= maxScaledDown) {
                break;
            }
            int current = spec.get(r.name());
            int unhealthy = current - r.available();
            if (current == 0 || unhealthy <= 0) {
                continue;
            }
            int down = Math.min(maxScaledDown - cleaned, unhealthy);
            spec.put(r.name(), current - down);
            cleaned += down;
        }
        int available = olds.stream().mapToInt(Rs::available).sum() + (newRs == null ? 0 : newRs.available());
        if (available > minAvailable) {
            int total = available - minAvailable;
            int scaled = 0;
            for (Rs r : olds) {
                if (scaled >= total) {
                    break;
                }
                int current = spec.get(r.name());
                if (current == 0) {
                    continue;
                }
                int down = Math.min(current, total - scaled);
                spec.put(r.name(), current - down);
                scaled += down;
            }
        }
        for (Rs r : olds) {
            if (spec.get(r.name()) != r.replicas()) {
                out.put(r.name(), spec.get(r.name()));
            }
        }
        return out;
    }
}
