package io.strata.agent.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of the cgroup2 file protocol against a plain directory tree that mimics cgroupfs (the kernel would create the
 * interface files; here the test seeds the ones that are read), plus one real test where the host has pure cgroup2.
 */
class CgroupsV2IsolatorTest {

    private static final long MB = 1024 * 1024;
    private static final ContainerId ID = ContainerId.of("c1");

    @TempDir
    Path root;
    private CgroupsV2Isolator isolator;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "");
        isolator = new CgroupsV2Isolator(root, "agent-a");
    }

    @Test
    void prepare_limits_enablesControllersOnEveryAncestor() throws IOException {
        isolator.prepare(ID, new ResourceLimits(0.5, 32 * MB));

        assertThat(Files.readString(root.resolve("cgroup.subtree_control"))).isEqualTo("+memory +cpu");
        assertThat(Files.readString(root.resolve("strata/cgroup.subtree_control"))).isEqualTo("+memory +cpu");
        assertThat(Files.readString(root.resolve("strata/agent-a/cgroup.subtree_control"))).isEqualTo("+memory +cpu");
    }

    @Test
    void prepare_limits_writesMemoryMaxCpuMaxAndWeight() throws IOException {
        CgroupPaths paths = isolator.prepare(ID, new ResourceLimits(0.5, 32 * MB));

        Path group = root.resolve("strata/agent-a/c1");
        assertThat(paths.groupDirs()).containsExactly(group);
        assertThat(paths.procsFiles()).containsExactly(group.resolve("cgroup.procs"));
        assertThat(Files.readString(group.resolve("memory.max"))).isEqualTo("33554432");
        assertThat(Files.readString(group.resolve("cpu.max"))).isEqualTo("50000 100000");
        // shares 512 -> weight 1 + (512 - 2) * 9999 / 262142 = 20
        assertThat(Files.readString(group.resolve("cpu.weight"))).isEqualTo("20");
    }

    @Test
    void update_preparedGroup_rewritesMemoryMaxCpuMaxAndWeight() throws IOException {
        isolator.prepare(ID, new ResourceLimits(2, 64 * MB));

        isolator.update(ID, new ResourceLimits(0.5, 32 * MB));

        Path group = root.resolve("strata/agent-a/c1");
        assertThat(Files.readString(group.resolve("memory.max"))).isEqualTo("33554432");
        assertThat(Files.readString(group.resolve("cpu.max"))).isEqualTo("50000 100000");
        assertThat(Files.readString(group.resolve("cpu.weight"))).isEqualTo("20");
    }

    @Test
    void prepare_controllersAlreadyEnabled_doesNotRewriteSubtreeControl() throws IOException {
        Files.writeString(root.resolve("cgroup.subtree_control"), "cpu memory pids\n");

        isolator.prepare(ID, new ResourceLimits(1, 32 * MB));

        assertThat(Files.readString(root.resolve("cgroup.subtree_control"))).isEqualTo("cpu memory pids\n");
    }

    @Test
    void prepare_memoryControllerMissing_throwsNamingIt() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "hugetlb\n");

        assertThatThrownBy(() -> isolator.prepare(ID, new ResourceLimits(1, 32 * MB)))
                .isInstanceOf(IsolationException.class)
                .hasMessageContaining("lacks controllers [memory, cpu]")
                .hasMessageContaining("hugetlb");
    }

    @Test
    void oomKilled_memoryEventsWithOomKill_isTrue() throws IOException {
        isolator.prepare(ID, new ResourceLimits(1, 32 * MB));
        Files.writeString(root.resolve("strata/agent-a/c1/memory.events"),
                "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 0\n");

        assertThat(isolator.oomKilled(ID)).isTrue();
    }

    @Test
    void oomKilled_memoryEventsWithoutKill_isFalse() throws IOException {
        isolator.prepare(ID, new ResourceLimits(1, 32 * MB));
        Files.writeString(root.resolve("strata/agent-a/c1/memory.events"), "low 0\nhigh 0\nmax 3\noom 0\noom_kill 0\n");

        assertThat(isolator.oomKilled(ID)).isFalse();
        assertThat(isolator.oomKilled(ContainerId.of("absent"))).isFalse();
    }

    @Test
    void usage_seededFiles_parsesMemoryCpuAndLimit() throws IOException {
        isolator.prepare(ID, new ResourceLimits(1, 32 * MB));
        Path group = root.resolve("strata/agent-a/c1");
        Files.writeString(group.resolve("memory.current"), "1048576\n");
        Files.writeString(group.resolve("cpu.stat"), "usage_usec 2500000\nuser_usec 2000000\nsystem_usec 500000\n");
        Files.writeString(group.resolve("cgroup.procs"), ProcessHandle.current().pid() + "\n");

        ResourceUsage usage = isolator.usage(ID);

        assertThat(usage).isEqualTo(new ResourceUsage(2.5, MB, 32 * MB, 1));
    }

    @Test
    void usage_memoryMaxIsMax_reportsNoLimit() throws IOException {
        isolator.prepare(ID, new ResourceLimits(1, 32 * MB));
        Files.writeString(root.resolve("strata/agent-a/c1/memory.max"), "max\n");

        assertThat(isolator.usage(ID).memoryLimitBytes()).isZero();
        assertThat(isolator.usage(ContainerId.of("absent"))).isEqualTo(ResourceUsage.NONE);
    }

    @Test
    void pids_procsFile_listsLiveProcessesOnly() throws IOException {
        isolator.prepare(ID, new ResourceLimits(1, 32 * MB));
        long self = ProcessHandle.current().pid();
        Files.writeString(root.resolve("strata/agent-a/c1/cgroup.procs"), self + "\n999999999\n");

        assertThat(isolator.pids(ID)).containsExactly(self);
    }

    @Test
    void killAll_cgroupKillPresent_writesOneAndWaitsForUnpopulated() throws IOException {
        isolator.prepare(ID, new ResourceLimits(1, 32 * MB));
        Path group = root.resolve("strata/agent-a/c1");
        Files.writeString(group.resolve("cgroup.kill"), "");
        Files.writeString(group.resolve("cgroup.events"), "populated 0\nfrozen 0\n");

        isolator.killAll(ID);

        assertThat(Files.readString(group.resolve("cgroup.kill"))).isEqualTo("1");
    }

    @Test
    void killAll_noCgroupKill_freezesKillsAndThaws() throws Exception {
        isolator.prepare(ID, new ResourceLimits(1, 32 * MB));
        Path group = root.resolve("strata/agent-a/c1");
        Files.writeString(group.resolve("cgroup.freeze"), "0");
        Process sleeper = new ProcessBuilder("sleep", "1000").start();
        Files.writeString(group.resolve("cgroup.procs"), sleeper.pid() + "\n");

        isolator.killAll(ID);

        assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(sleeper.exitValue()).isEqualTo(137);
        assertThat(Files.readString(group.resolve("cgroup.freeze"))).isEqualTo("0");
    }

    @Test
    void cleanup_emptyGroup_removesDirectoryAndIsIdempotent() throws IOException {
        CgroupPaths paths = isolator.prepare(ID, new ResourceLimits(1, 32 * MB));
        Path group = paths.groupDirs().get(0);
        // cgroupfs drops the interface files with rmdir; a plain directory needs them deleted first.
        try (var files = Files.list(group)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }

        isolator.cleanup(ID);
        isolator.cleanup(ID);

        assertThat(group).doesNotExist();
    }

    @Test
    void recover_missingGroup_throws() {
        assertThatThrownBy(() -> isolator.recover(ID)).isInstanceOf(IsolationException.class);
    }

    @Test
    void recover_existingGroup_returnsProcsFile() {
        isolator.prepare(ID, new ResourceLimits(1, 32 * MB));

        assertThat(new CgroupsV2Isolator(root, "agent-a").recover(ID).procsFiles())
                .containsExactly(root.resolve("strata/agent-a/c1/cgroup.procs"));
    }

    @Test
    void prepare_realPureCgroup2Host_limitsAndKillWork() throws Exception {
        Path real = CgroupTestSupport.CGROUP_ROOT;
        assumeTrue(CgroupTestSupport.isRoot(), "needs root to create cgroups");
        assumeTrue(Files.isRegularFile(real.resolve("cgroup.controllers"))
                        && Files.readString(real.resolve("cgroup.controllers")).contains("memory"),
                "host is not pure cgroup2 with the memory controller (hybrid hosts bind memory and cpu to v1)");
        CgroupsV2Isolator realIsolator = new CgroupsV2Isolator(real, CgroupTestSupport.uniqueAgentName());
        try {
            CgroupPaths paths = realIsolator.prepare(ID, new ResourceLimits(1, 32 * MB));
            Process hog = CgroupTestSupport.startInGroup(paths, "head -c 100M /dev/zero | tail");
            assertThat(hog.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(hog.exitValue()).isEqualTo(137);
            assertThat(realIsolator.oomKilled(ID)).isTrue();
            CgroupTestSupport.startInGroup(paths, CgroupTestSupport.TREE_WITH_ORPHAN);
            realIsolator.killAll(ID);
            assertThat(realIsolator.pids(ID)).isEmpty();
        } finally {
            realIsolator.killAll(ID);
            realIsolator.cleanup(ID);
            realIsolator.removeHierarchy();
        }
    }
}
