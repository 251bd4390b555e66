package io.strata.core.allocator;

/** Framework capabilities the allocator cares about (Mesos {@code FrameworkInfo.Capability}). */
public enum FrameworkCapability {
    /** The framework may be offered agents with GPUs; without it, GPU agents are skipped for it. */
    GPU_RESOURCES,
    /** The framework accepts revocable resources (not offered by this allocator yet). */
    REVOCABLE_RESOURCES,
    /** The framework understands TASK_UNREACHABLE and TASK_GONE. */
    PARTITION_AWARE,
    /** The framework understands the TASK_KILLING state. */
    TASK_KILLING_STATE
}
