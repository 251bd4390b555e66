package io.strata.agent.isolation;

/**
 * A snapshot of what one container consumes: CPU time in seconds since it started, current memory in bytes, its
 * memory limit in bytes (0 when unlimited) and the number of live processes.
 */
public record ResourceUsage(double cpuSeconds, long memoryBytes, long memoryLimitBytes, int processes) {

    /** Validates that no figure is negative. */
    public ResourceUsage {
        if (cpuSeconds < 0 || memoryBytes < 0 || memoryLimitBytes < 0 || processes < 0) {
            throw new IllegalArgumentException("usage figures must not be negative");
        }
    }

    /** Usage of a container that has no processes and no record of consumption. */
    public static final ResourceUsage NONE = new ResourceUsage(0, 0, 0, 0);
}
