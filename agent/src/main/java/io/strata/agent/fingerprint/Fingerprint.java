package io.strata.agent.fingerprint;

import java.util.List;
import java.util.Objects;

/**
 * The resources this agent offers: CPUs (fractional allowed), memory and disk in MB (MiB, as Mesos), port ranges and
 * the number of GPUs.
 */
public record Fingerprint(double cpus, long memMb, long diskMb, List<PortRange> portRanges, int gpus) {

    /** Validates that no figure is negative and copies the ranges. */
    public Fingerprint {
        if (cpus < 0 || memMb < 0 || diskMb < 0 || gpus < 0) {
            throw new IllegalArgumentException("resources must not be negative");
        }
        portRanges = List.copyOf(Objects.requireNonNull(portRanges, "portRanges"));
    }

    /** Returns the port ranges as {@code {begin, end}} pairs. */
    public List<long[]> portRangeArrays() {
        return portRanges.stream().map(PortRange::toArray).toList();
    }
}
