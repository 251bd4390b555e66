package io.strata.agent.isolation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Shared helpers for tests against the real cgroup hierarchy of this host. */
final class CgroupTestSupport {

    static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    /**
     * A script that leaves four processes (plus itself) running: a background sleep, a double-forked orphan sleep
     * (its parent subshell exits at once), and a shell with its own sleep child.
     */
    static final String TREE_WITH_ORPHAN = "sleep 1000 & (sleep 1000 &); sh -c 'sleep 1000; true' & wait";

    private CgroupTestSupport() {
    }

    /** Returns an agent name unique to this test run, so a running cluster's groups are never touched. */
    static String uniqueAgentName() {
        return "test-" + ProcessHandle.current().pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** Skips the test unless this process is root and the v1 memory and cpu controllers are mounted. */
    static void assumeRealV1() {
        assumeTrue(isRoot(), "needs root to create cgroups");
        assumeTrue(Files.isRegularFile(CGROUP_ROOT.resolve("memory/memory.limit_in_bytes"))
                        && Files.isRegularFile(CGROUP_ROOT.resolve("cpu/cpu.cfs_quota_us")),
                "kernel has no v1 memory and cpu controllers mounted under /sys/fs/cgroup");
    }

    static boolean isRoot() {
        try {
            return Isolators.parseEffectiveUid(Files.readString(Path.of("/proc/self/status"))) == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code script} under {@code sh}, after the shell joined every procs file (race-free, as the launcher). */
    static Process startInGroup(CgroupPaths paths, String script) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/setsid", "/bin/sh", "-c",
                "for f in \"$@\"; do echo $$ > \"$f\" || exit 125; done; exec /bin/sh -c \"$0\"", script));
        paths.procsFiles().forEach(file -> command.add(file.toString()));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
