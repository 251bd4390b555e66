package io.strata.agent.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Operations on one cgroup2 group that need no controller: membership, {@code cgroup.events}, {@code cgroup.kill}
 * (kernel 5.14+) with a {@code cgroup.freeze} fallback, and CPU time from {@code cpu.stat}.
 */
final class UnifiedGroup {

    private UnifiedGroup() {
    }

    /** Returns whether the group still has live processes, from {@code cgroup.events} when present. */
    static boolean populated(Path dir) {
        Path events = dir.resolve("cgroup.events");
        if (Files.exists(events)) {
            return CgroupFiles.read(events)
                    .map(text -> CgroupFiles.keyedValue(text, "populated").orElse(0) != 0)
                    .orElse(false);
        }
        return !CgroupFiles.readLivePids(dir.resolve("cgroup.procs")).isEmpty();
    }

    /**
     * Kills every process in the group and waits until it is empty: {@code cgroup.kill} when the kernel has it,
     * otherwise freeze, SIGKILL every listed pid, thaw, and repeat until the group is empty.
     */
    static void killAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Path kill = dir.resolve("cgroup.kill");
        if (Files.exists(kill)) {
            CgroupFiles.write(kill, "1");
            if (CgroupFiles.await(CgroupFiles.KILL_TIMEOUT, () -> !populated(dir))) {
                return;
            }
        }
        Path freeze = dir.resolve("cgroup.freeze");
        boolean canFreeze = Files.exists(freeze);
        if (canFreeze) {
            // Frozen processes cannot fork, so a fork bomb cannot outrun the kill loop; SIGKILL still reaches them.
            CgroupFiles.write(freeze, "1");
        }
        try {
            CgroupFiles.killUntilEmpty(dir.toString(), () -> CgroupFiles.readLivePids(dir.resolve("cgroup.procs")));
        } finally {
            if (canFreeze && Files.isDirectory(dir)) {
                CgroupFiles.write(freeze, "0");
            }
        }
    }

    /** Returns the CPU time consumed by the group in microseconds, from {@code cpu.stat usage_usec}. */
    static OptionalLong cpuUsageMicros(Path dir) {
        return CgroupFiles.read(dir.resolve("cpu.stat"))
                .map(text -> CgroupFiles.keyedValue(text, "usage_usec"))
                .orElse(OptionalLong.empty());
    }

    /** Returns the live pids in the group. */
    static Set<Long> pids(Path dir) {
        return CgroupFiles.readLivePids(dir.resolve("cgroup.procs"));
    }
}
