package io.strata.agent.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Isolation on a pure cgroup2 host: {@code memory.max}, {@code cpu.max} and {@code cpu.weight} in one group per
 * container at {@code <root>/strata/<agentName>/<containerId>}, controllers enabled through
 * {@code cgroup.subtree_control} of every ancestor, OOM kills from {@code memory.events oom_kill}, and
 * {@code cgroup.kill} to end the whole tree.
 *
 * <p>The root is injectable so that the file protocol can be tested against a plain directory tree.
 */
public final class CgroupsV2Isolator implements Isolator {

    /** The controllers a container group needs. */
    static final List<String> REQUIRED_CONTROLLERS = List.of("memory", "cpu");
    private static final String HIERARCHY = "strata";

    private final Path root;
    private final String agentName;

    /** Creates an isolator over the cgroup2 mount at {@code unifiedRoot} (normally {@code /sys/fs/cgroup}). */
    public CgroupsV2Isolator(Path unifiedRoot, String agentName) {
        this.root = Objects.requireNonNull(unifiedRoot, "unifiedRoot");
        this.agentName = ContainerId.requireSafeName(agentName, "agent name");
    }

    @Override
    public String name() {
        return "cgroups-v2";
    }

    @Override
    public CgroupPaths prepare(ContainerId id, ResourceLimits limits) {
        Objects.requireNonNull(limits, "limits");
        Path dir = group(id);
        CgroupFiles.requireUnused(id, dir);
        enableControllers();
        try {
            CgroupFiles.createFresh(dir);
            CgroupFiles.write(dir.resolve("memory.max"), Long.toString(limits.memBytes()));
            CgroupFiles.write(dir.resolve("cpu.max"),
                    limits.cfsQuotaMicros() + " " + ResourceLimits.CFS_PERIOD_MICROS);
            CgroupFiles.write(dir.resolve("cpu.weight"), Long.toString(limits.cpuWeight()));
        } catch (IsolationException e) {
            CgroupFiles.removeQuietly(List.of(dir));
            throw e;
        }
        return CgroupPaths.ofGroups(id, List.of(dir));
    }

    /**
     * Enables the required controllers from the root down to {@code strata/<agentName>}; a group may only use a
     * controller that its parent lists in {@code cgroup.subtree_control}.
     */
    private void enableControllers() {
        List<String> available = controllers(root.resolve("cgroup.controllers"));
        List<String> missing = new ArrayList<>(REQUIRED_CONTROLLERS);
        missing.removeAll(available);
        if (!missing.isEmpty()) {
            throw new IsolationException("cgroup2 at " + root + " lacks controllers " + missing
                    + " (available: " + available + ")");
        }
        String enable = String.join(" ", REQUIRED_CONTROLLERS.stream().map(c -> "+" + c).toList());
        Path level = root;
        for (String segment : List.of(HIERARCHY, agentName)) {
            if (!controllers(level.resolve("cgroup.subtree_control")).containsAll(REQUIRED_CONTROLLERS)) {
                CgroupFiles.write(level.resolve("cgroup.subtree_control"), enable);
            }
            level = level.resolve(segment);
            CgroupFiles.createGroup(level);
        }
        if (!controllers(level.resolve("cgroup.subtree_control")).containsAll(REQUIRED_CONTROLLERS)) {
            CgroupFiles.write(level.resolve("cgroup.subtree_control"), enable);
        }
    }

    @Override
    public void update(ContainerId id, ResourceLimits limits) {
        Objects.requireNonNull(limits, "limits");
        Path dir = group(id);
        CgroupFiles.write(dir.resolve("memory.max"), Long.toString(limits.memBytes()));
        CgroupFiles.write(dir.resolve("cpu.max"), limits.cfsQuotaMicros() + " " + ResourceLimits.CFS_PERIOD_MICROS);
        CgroupFiles.write(dir.resolve("cpu.weight"), Long.toString(limits.cpuWeight()));
    }

    @Override
    public CgroupPaths recover(ContainerId id) {
        Path dir = group(id);
        if (!Files.isDirectory(dir)) {
            throw new IsolationException("cannot recover container " + id + ": group " + dir + " is missing");
        }
        return CgroupPaths.ofGroups(id, List.of(dir));
    }

    @Override
    public ResourceUsage usage(ContainerId id) {
        Path dir = group(id);
        if (!Files.isDirectory(dir)) {
            return ResourceUsage.NONE;
        }
        long memory = CgroupFiles.readLong(dir.resolve("memory.current")).orElse(0);
        long limit = CgroupFiles.readLong(dir.resolve("memory.max")).orElse(0);
        double cpuSeconds = UnifiedGroup.cpuUsageMicros(dir).orElse(0) / 1e6;
        return new ResourceUsage(cpuSeconds, memory, limit, pids(id).size());
    }

    @Override
    public boolean oomKilled(ContainerId id) {
        return CgroupFiles.read(group(id).resolve("memory.events"))
                .map(text -> CgroupFiles.keyedValue(text, "oom_kill").orElse(0) > 0)
                .orElse(false);
    }

    @Override
    public Set<Long> pids(ContainerId id) {
        return UnifiedGroup.pids(group(id));
    }

    @Override
    public void killAll(ContainerId id) {
        UnifiedGroup.killAll(group(id));
    }

    @Override
    public void cleanup(ContainerId id) {
        CgroupFiles.removeGroup(group(id));
    }

    @Override
    public void removeHierarchy() {
        CgroupFiles.removeIfUnused(group(ContainerId.of("unused")).getParent());
    }

    /** Returns the group directory of a container. */
    Path group(ContainerId id) {
        return root.resolve(HIERARCHY).resolve(agentName).resolve(id.value());
    }

    private static List<String> controllers(Path file) {
        return CgroupFiles.read(file)
                .map(text -> Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }
}
