package io.strata.agent.isolation;

import java.util.Set;

/**
 * Isolates the processes of containers: one group per container, with limits, tracking, kill and clean-up.
 *
 * <p>Lifecycle of one container: {@link #prepare} (or {@link #recover} after an agent restart), then the launcher's
 * child joins every procs file of the returned {@link CgroupPaths}; when the task ends the caller reads
 * {@link #oomKilled} <em>before</em> {@link #killAll} and {@link #cleanup}. Implementations are thread-safe; all methods
 * block on file-system calls only (and {@link #killAll}/{@link #cleanup} for a short bounded time).
 */
public interface Isolator {

    /** Returns a short name for logs and flags, e.g. {@code cgroups-v1}. */
    String name();

    /** Creates the container's groups and writes its limits; fails if a group already holds processes. */
    CgroupPaths prepare(ContainerId id, ResourceLimits limits);

    /** Re-attaches to the existing groups of a container after an agent restart; fails if they do not exist. */
    /**
     * Changes the limits of a prepared container's groups (e.g. the CPU quota once a container runtime has
     * started the container). Throws {@link IsolationException} when the groups are gone.
     */
    void update(ContainerId id, ResourceLimits limits);

    CgroupPaths recover(ContainerId id);

    /** Returns the container's current consumption, or {@link ResourceUsage#NONE} if its groups are gone. */
    ResourceUsage usage(ContainerId id);

    /** Returns whether the kernel OOM-killed a process of this container; read it before {@link #cleanup}. */
    boolean oomKilled(ContainerId id);

    /** Returns the pids of every live process of the container (empty once all have exited). */
    Set<Long> pids(ContainerId id);

    /** Kills every process of the container, including orphans that left the process tree, and waits until none is left. */
    void killAll(ContainerId id);

    /** Removes the container's groups (retrying briefly while the kernel still reports them busy); idempotent. */
    void cleanup(ContainerId id);

    /**
     * Removes this agent's parent group ({@code strata/<agentName>}) in every hierarchy if no container group is left
     * in it; never fails (a parent still in use simply stays). Call it on agent shutdown after all clean-ups.
     */
    void removeHierarchy();
}
