package io.strata.kubernetes.placement;

import io.strata.core.resources.Resources;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What placement needs from a node: its agent, name, labels, taints (from the Node object, including the
 * {@code unschedulable} taint), whether it is a public agent, what it has free now and its total (allocatable).
 */
public record NodeTerms(String agentId, String name, Map<String, String> labels, List<Taint> taints,
        boolean publicRole, Resources available, Resources total) {

    /** A taint of a Node object; {@code value} is empty when absent. */
    public record Taint(String key, String value, String effect) {
    }

    /** Validates and copies the parts. */
    public NodeTerms {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(available, "available");
        Objects.requireNonNull(total, "total");
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
    }
}
