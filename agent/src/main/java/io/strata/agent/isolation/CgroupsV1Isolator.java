package io.strata.agent.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Isolation on a hybrid (or pure v1) host: v1 {@code memory} and {@code cpu} hold the limits, optional v1
 * {@code cpuacct} and {@code freezer} help with accounting and killing, and the unified v2 tree (when mounted at
 * {@code <root>/unified}) tracks the processes and kills them all at once through {@code cgroup.kill}.
 *
 * <p>Each group is {@code <root>/<controller>/strata/<agentName>/<containerId>}: absolute from the controller's mount
 * root, never nested under the agent's own cgroup. OOM kills are read from {@code memory.oom_control}'s
 * {@code oom_kill} counter ({@code memory.failcnt} is unreliable).
 */
public final class CgroupsV1Isolator implements Isolator {

    static final String MEMORY = "memory";
    static final String CPU = "cpu";
    static final String CPUACCT = "cpuacct";
    static final String FREEZER = "freezer";
    static final String UNIFIED = "unified";
    private static final String HIERARCHY = "strata";

    private final Path root;
    private final String agentName;

    /**
     * Creates an isolator over the controllers mounted under {@code cgroupRoot} (normally {@code /sys/fs/cgroup}).
     *
     * @param agentName the second path segment below {@code strata}, unique per agent in this host
     */
    public CgroupsV1Isolator(Path cgroupRoot, String agentName) {
        this.root = Objects.requireNonNull(cgroupRoot, "cgroupRoot");
        this.agentName = ContainerId.requireSafeName(agentName, "agent name");
    }

    @Override
    public String name() {
        return "cgroups-v1";
    }

    @Override
    public CgroupPaths prepare(ContainerId id, ResourceLimits limits) {
        Objects.requireNonNull(limits, "limits");
        List<Path> dirs = groupDirs(id);
        dirs.forEach(dir -> CgroupFiles.requireUnused(id, dir));
        try {
            for (Path dir : dirs) {
                CgroupFiles.createFresh(dir);
            }
            Path memory = group(MEMORY, id);
            CgroupFiles.write(memory.resolve("memory.limit_in_bytes"), Long.toString(limits.memBytes()));
            Path cpu = group(CPU, id);
            CgroupFiles.write(cpu.resolve("cpu.shares"), Long.toString(limits.cpuShares()));
            CgroupFiles.write(cpu.resolve("cpu.cfs_period_us"), Long.toString(ResourceLimits.CFS_PERIOD_MICROS));
            CgroupFiles.write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(limits.cfsQuotaMicros()));
        } catch (IsolationException e) {
            CgroupFiles.removeQuietly(dirs);
            throw e;
        }
        return CgroupPaths.ofGroups(id, dirs);
    }

    @Override
    public void update(ContainerId id, ResourceLimits limits) {
        Objects.requireNonNull(limits, "limits");
        CgroupFiles.write(group(MEMORY, id).resolve("memory.limit_in_bytes"), Long.toString(limits.memBytes()));
        Path cpu = group(CPU, id);
        CgroupFiles.write(cpu.resolve("cpu.shares"), Long.toString(limits.cpuShares()));
        CgroupFiles.write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(limits.cfsQuotaMicros()));
    }

    @Override
    public CgroupPaths recover(ContainerId id) {
        List<Path> dirs = groupDirs(id);
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IsolationException("cannot recover container " + id + ": group " + dir + " is missing");
            }
        }
        return CgroupPaths.ofGroups(id, dirs);
    }

    @Override
    public ResourceUsage usage(ContainerId id) {
        Path memory = group(MEMORY, id);
        if (!Files.isDirectory(memory)) {
            return ResourceUsage.NONE;
        }
        long memoryBytes = CgroupFiles.readLong(memory.resolve("memory.usage_in_bytes")).orElse(0);
        long limit = CgroupFiles.readLong(memory.resolve("memory.limit_in_bytes")).orElse(0);
        return new ResourceUsage(cpuSeconds(id), memoryBytes, limit, pids(id).size());
    }

    private double cpuSeconds(ContainerId id) {
        if (hasController(CPUACCT)) {
            OptionalLong nanos = CgroupFiles.readLong(group(CPUACCT, id).resolve("cpuacct.usage"));
            if (nanos.isPresent()) {
                return nanos.getAsLong() / 1e9;
            }
        }
        if (hasController(UNIFIED)) {
            return UnifiedGroup.cpuUsageMicros(group(UNIFIED, id)).orElse(0) / 1e6;
        }
        return 0;
    }

    @Override
    public boolean oomKilled(ContainerId id) {
        return CgroupFiles.read(group(MEMORY, id).resolve("memory.oom_control"))
                .map(text -> CgroupFiles.keyedValue(text, "oom_kill").orElse(0) > 0)
                .orElse(false);
    }

    @Override
    public Set<Long> pids(ContainerId id) {
        Set<Long> pids = new LinkedHashSet<>();
        for (Path dir : groupDirs(id)) {
            pids.addAll(CgroupFiles.readLivePids(dir.resolve("cgroup.procs")));
        }
        return pids;
    }

    @Override
    public void killAll(ContainerId id) {
        if (hasController(UNIFIED)) {
            UnifiedGroup.killAll(group(UNIFIED, id));
        }
        // Without cgroup.kill (or if a process escaped the unified group): freeze, kill, thaw, repeat.
        Path freezer = group(FREEZER, id);
        boolean canFreeze = hasController(FREEZER) && Files.exists(freezer.resolve("freezer.state"));
        if (pids(id).isEmpty()) {
            return;
        }
        if (canFreeze) {
            CgroupFiles.write(freezer.resolve("freezer.state"), "FROZEN");
        }
        try {
            CgroupFiles.killUntilEmpty("container " + id, () -> pids(id));
        } finally {
            if (canFreeze && Files.isDirectory(freezer)) {
                CgroupFiles.write(freezer.resolve("freezer.state"), "THAWED");
            }
        }
    }

    @Override
    public void cleanup(ContainerId id) {
        IsolationException first = null;
        for (Path dir : groupDirs(id)) {
            try {
                CgroupFiles.removeGroup(dir);
            } catch (IsolationException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void removeHierarchy() {
        for (Path dir : groupDirs(ContainerId.of("unused"))) {
            CgroupFiles.removeIfUnused(dir.getParent());
        }
    }

    /** Returns the group directories of a container, one per mounted controller this isolator uses. */
    List<Path> groupDirs(ContainerId id) {
        List<Path> dirs = new ArrayList<>();
        Set<Path> seenMounts = new LinkedHashSet<>();
        for (String controller : List.of(MEMORY, CPU, CPUACCT, FREEZER, UNIFIED)) {
            if (hasController(controller) && seenMounts.add(realMount(controller))) {
                dirs.add(group(controller, id));
            }
        }
        return dirs;
    }

    private Path group(String controller, ContainerId id) {
        return root.resolve(controller).resolve(HIERARCHY).resolve(agentName).resolve(id.value());
    }

    private boolean hasController(String controller) {
        return Files.exists(root.resolve(controller).resolve("cgroup.procs"));
    }

    // cpu and cpuacct are co-mounted on many hosts ("cpu,cpuacct" with two symlinks): join such a mount only once.
    private Path realMount(String controller) {
        try {
            return root.resolve(controller).toRealPath();
        } catch (IOException e) {
            return root.resolve(controller);
        }
    }
}
