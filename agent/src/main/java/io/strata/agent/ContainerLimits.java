package io.strata.agent;

import io.strata.agent.isolation.ResourceLimits;
import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;

/**
 * The cgroup limits of a task's container: the task's resources plus Mesos' command-executor overhead. Pure.
 */
final class ContainerLimits {
    /** CPU the container gets beyond the task's, as Mesos' command executor adds (0.1 cpus), for its helpers. */
    static final double EXECUTOR_CPUS = 0.1;
    /** Memory the container gets beyond the task's, as Mesos' command executor adds (32 MB). */
    static final double EXECUTOR_MEM_MB = 32;

    private ContainerLimits() {
    }

    /**
     * The container's limits: the task's resources plus the overhead, which pays for the supervisor shell and, for
     * image tasks, {@code runc init} (which runs inside the container's group: at a bare 0.01 cpu quota it alone
     * takes seconds). Example: {@code cpus:0.1;mem:32} gets 0.2 cpus and 64 MB.
     */
    static ResourceLimits of(Resources r) {
        double cpus = r.scalar(Resource.CPUS).asDouble();
        double memMb = r.scalar(Resource.MEM).asDouble();
        return new ResourceLimits(cpus + EXECUTOR_CPUS, (long) ((memMb + EXECUTOR_MEM_MB) * 1024 * 1024));
    }

    /**
     * The limits an image container starts with: the machine's CPUs (runc init is CPU-hungry and runs inside the
     * group), the memory limit as is; the container's own quota applies once the runtime has created it.
     */
    static ResourceLimits startup(ResourceLimits limits, int availableProcessors) {
        return new ResourceLimits(Math.max(limits.cpus(), availableProcessors), limits.memBytes());
    }
}
