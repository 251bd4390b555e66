package io.strata.agent.isolation;

import static io.strata.agent.isolation.CgroupTestSupport.CGROUP_ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests against the real v1 (hybrid) hierarchy of this host; skipped where the kernel lacks it. */
class CgroupsV1IsolatorTest {

    private static final long MB = 1024 * 1024;

    private CgroupsV1Isolator isolator;
    private final ContainerId id = ContainerId.of("c1");

    @BeforeEach
    void setUp() {
        CgroupTestSupport.assumeRealV1();
        isolator = new CgroupsV1Isolator(CGROUP_ROOT, CgroupTestSupport.uniqueAgentName());
    }

    @AfterEach
    void tearDown() {
        if (isolator != null) {
            isolator.killAll(id);
            isolator.cleanup(id);
            isolator.removeHierarchy();
        }
    }

    @Test
    void prepare_limits_writesMemoryLimitSharesAndQuota() throws Exception {
        CgroupPaths paths = isolator.prepare(id, new ResourceLimits(0.5, 32 * MB));

        Path memory = paths.groupDirs().get(0);
        assertThat(memory).startsWith(CGROUP_ROOT.resolve("memory/strata"));
        assertThat(Files.readString(memory.resolve("memory.limit_in_bytes")).trim()).isEqualTo("33554432");
        Path cpu = CGROUP_ROOT.resolve("cpu").resolve(CGROUP_ROOT.resolve("memory").relativize(memory));
        assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim()).isEqualTo("50000");
        assertThat(Files.readString(cpu.resolve("cpu.cfs_period_us")).trim()).isEqualTo("100000");
        assertThat(Files.readString(cpu.resolve("cpu.shares")).trim()).isEqualTo("512");
        assertThat(paths.procsFiles()).allMatch(file -> file.getFileName().toString().equals("cgroup.procs"));
    }

    @Test
    void update_preparedGroup_rewritesQuotaSharesAndMemory() throws Exception {
        CgroupPaths paths = isolator.prepare(id, new ResourceLimits(2, 64 * MB));

        isolator.update(id, new ResourceLimits(0.25, 48 * MB));

        Path memory = paths.groupDirs().get(0);
        assertThat(Files.readString(memory.resolve("memory.limit_in_bytes")).trim()).isEqualTo("50331648");
        Path cpu = CGROUP_ROOT.resolve("cpu").resolve(CGROUP_ROOT.resolve("memory").relativize(memory));
        assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim()).isEqualTo("25000");
        assertThat(Files.readString(cpu.resolve("cpu.shares")).trim()).isEqualTo("256");
    }

    @Test
    void prepare_hybridHost_joinsUnifiedTreeForTracking() {
        CgroupPaths paths = isolator.prepare(id, new ResourceLimits(1, 64 * MB));

        if (Files.exists(CGROUP_ROOT.resolve("unified/cgroup.procs"))) {
            assertThat(paths.groupDirs()).anyMatch(dir -> dir.startsWith(CGROUP_ROOT.resolve("unified/strata")));
        }
    }

    @Test
    void oomKilled_processAllocatesPastLimit_isTrueAndExitIs137() throws Exception {
        CgroupPaths paths = isolator.prepare(id, new ResourceLimits(1, 32 * MB));

        Process hog = CgroupTestSupport.startInGroup(paths, "head -c 100M /dev/zero | tail");

        assertThat(hog.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(hog.exitValue()).isEqualTo(137);
        assertThat(isolator.oomKilled(id)).isTrue();
    }

    @Test
    void oomKilled_processStaysUnderLimit_isFalse() throws Exception {
        CgroupPaths paths = isolator.prepare(id, new ResourceLimits(1, 64 * MB));

        Process small = CgroupTestSupport.startInGroup(paths, "head -c 1M /dev/zero | tail");

        assertThat(small.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(small.exitValue()).isZero();
        assertThat(isolator.oomKilled(id)).isFalse();
    }

    @Test
    void killAll_treeWithDoubleForkedOrphan_killsEveryProcess() {
        CgroupPaths paths = isolator.prepare(id, new ResourceLimits(1, 64 * MB));
        Process root = CgroupTestSupport.startInGroup(paths, CgroupTestSupport.TREE_WITH_ORPHAN);
        await().atMost(Duration.ofSeconds(5)).until(() -> isolator.pids(id).size() >= 5);
        Set<Long> pids = isolator.pids(id);
        assertThat(pids).contains(root.pid());
        assertThat(pids.stream().filter(pid -> ProcFs.stat(pid).map(s -> s.ppid() == 1).orElse(false)))
                .as("the double-forked orphan was reparented to PID 1").isNotEmpty();

        isolator.killAll(id);

        assertThat(isolator.pids(id)).isEmpty();
        assertThat(pids).noneMatch(pid -> ProcFs.stat(pid).filter(s -> !s.isZombie()).isPresent());
    }

    @Test
    void cleanup_afterKill_leavesNoDirectories() {
        CgroupPaths paths = isolator.prepare(id, new ResourceLimits(1, 64 * MB));
        CgroupTestSupport.startInGroup(paths, CgroupTestSupport.TREE_WITH_ORPHAN);
        await().atMost(Duration.ofSeconds(5)).until(() -> isolator.pids(id).size() >= 5);

        isolator.killAll(id);
        isolator.cleanup(id);

        assertThat(paths.groupDirs()).noneMatch(Files::exists);
        isolator.cleanup(id);
    }

    @Test
    void usage_runningProcess_reportsMemoryCpuAndProcesses() {
        CgroupPaths paths = isolator.prepare(id, new ResourceLimits(1, 64 * MB));
        CgroupTestSupport.startInGroup(paths, "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; sleep 1000");

        await().atMost(Duration.ofSeconds(10)).until(() -> isolator.usage(id).cpuSeconds() > 0.05);
        ResourceUsage usage = isolator.usage(id);

        assertThat(usage.memoryBytes()).isPositive();
        assertThat(usage.memoryLimitBytes()).isEqualTo(64 * MB);
        assertThat(usage.processes()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void recover_existingGroups_returnsSamePathsFromNewInstance() {
        CgroupPaths prepared = isolator.prepare(id, new ResourceLimits(1, 64 * MB));

        CgroupPaths recovered = new CgroupsV1Isolator(CGROUP_ROOT,
                prepared.groupDirs().get(0).getParent().getFileName().toString()).recover(id);

        assertThat(recovered).isEqualTo(prepared);
    }

    @Test
    void recover_missingGroup_throws() {
        assertThatThrownBy(() -> isolator.recover(ContainerId.of("never-prepared")))
                .isInstanceOf(IsolationException.class).hasMessageContaining("is missing");
    }

    @Test
    void prepare_groupWithLiveProcess_throws() {
        CgroupPaths paths = isolator.prepare(id, new ResourceLimits(1, 64 * MB));
        Process sleeper = CgroupTestSupport.startInGroup(paths, "sleep 1000");
        await().atMost(Duration.ofSeconds(5)).until(() -> isolator.pids(id).contains(sleeper.pid()));

        assertThatThrownBy(() -> isolator.prepare(id, new ResourceLimits(1, 64 * MB)))
                .isInstanceOf(IsolationException.class).hasMessageContaining("already holds processes");
        assertThat(List.copyOf(isolator.pids(id))).contains(sleeper.pid());
    }
}
