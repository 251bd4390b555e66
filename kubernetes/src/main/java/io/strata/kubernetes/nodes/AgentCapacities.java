package io.strata.kubernetes.nodes;

import java.util.Optional;

/** Where a node's capacity comes from: the agent's total resources as the master knows them. */
public interface AgentCapacities {

    /** An agent's total cpus and memory (MiB). */
    record Capacity(double cpus, double memMb) {
        /** Validates that both are non-negative. */
        public Capacity {
            if (cpus < 0 || memMb < 0) {
                throw new IllegalArgumentException("capacity must not be negative: " + cpus + ", " + memMb);
            }
        }
    }

    /** The agent's total, when known. */
    Optional<Capacity> capacity(String agentId);

    /** No source: nodes take their capacity from the agent's first offer. */
    AgentCapacities NONE = agentId -> Optional.empty();
}
