package io.strata.agent.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoIsolatorTest {

    private static final long BOOT = 1_000_000_000_000L;
    private static final long WRITTEN = BOOT + 50_000;
    private static final long ROOT_START = 5_000; // ticks: 50 s after boot, when the pid file was written

    @TempDir
    Path state;
    private NoIsolator isolator;
    private final ContainerId id = ContainerId.of("c1");

    @AfterEach
    void tearDown() {
        if (isolator != null) {
            isolator.killAll(id);
            isolator.cleanup(id);
            isolator.removeHierarchy();
        }
    }

    private static ProcStat proc(long pid, long ppid, long session, long startTicks) {
        return new ProcStat(pid, 'S', ppid, pid, session, 0, 0, startTicks, 10);
    }

    @Test
    void tracked_descendantsAndSessionMembers_areSelectedAgentIsNot() {
        List<ProcStat> all = List.of(
                proc(1, 0, 1, 0),
                proc(50, 1, 50, 100),               // the agent, in its own session
                proc(100, 50, 100, ROOT_START),     // the supervisor, a session leader
                proc(101, 100, 100, ROOT_START + 1),
                proc(102, 1, 100, ROOT_START + 2),  // double-forked orphan, still in the session
                proc(103, 101, 103, ROOT_START + 3),// a descendant that called setsid
                proc(200, 1, 200, ROOT_START + 4)); // unrelated

        List<ProcStat> tracked = NoIsolator.tracked(new NoIsolator.Root(100, WRITTEN, BOOT), all, 50);

        assertThat(tracked).extracting(ProcStat::pid).containsExactlyInAnyOrder(100L, 101L, 102L, 103L);
    }

    @Test
    void tracked_recycledRootPid_isIgnored() {
        long muchLater = ROOT_START + 100_000;
        List<ProcStat> all = List.of(proc(100, 1, 7, muchLater), proc(101, 100, 7, muchLater + 1));

        assertThat(NoIsolator.tracked(new NoIsolator.Root(100, WRITTEN, BOOT), all, 50)).isEmpty();
    }

    @Test
    void tracked_rootIsAgentSession_neverSelectsBySession() {
        List<ProcStat> all = List.of(proc(50, 1, 50, ROOT_START), proc(60, 1, 50, ROOT_START));

        assertThat(NoIsolator.tracked(new NoIsolator.Root(50, WRITTEN, BOOT), all, 50)).isEmpty();
    }

    @Test
    void tracked_zombiesAndOlderProcesses_areExcluded() {
        List<ProcStat> all = List.of(proc(100, 1, 100, ROOT_START),
                new ProcStat(101, 'Z', 100, 100, 100, 0, 0, ROOT_START, 0),
                proc(102, 1, 100, 10));

        assertThat(NoIsolator.tracked(new NoIsolator.Root(100, WRITTEN, BOOT), all, 50))
                .extracting(ProcStat::pid).containsExactly(100L);
    }

    @Test
    void killAll_realTreeWithOrphan_killsEveryProcess() throws IOException {
        isolator = new NoIsolator(state, "agent-a");
        CgroupPaths paths = isolator.prepare(id, new ResourceLimits(1, 1024));
        Process root = CgroupTestSupport.startInGroup(paths, CgroupTestSupport.TREE_WITH_ORPHAN);
        await().atMost(Duration.ofSeconds(5)).until(() -> isolator.pids(id).size() >= 5);
        Set<Long> pids = isolator.pids(id);
        assertThat(pids).contains(root.pid()).doesNotContain(ProcessHandle.current().pid());
        assertThat(Files.readString(paths.procsFiles().get(0)).trim()).isEqualTo(Long.toString(root.pid()));

        isolator.killAll(id);

        assertThat(isolator.pids(id)).isEmpty();
        assertThat(pids).noneMatch(pid -> ProcFs.stat(pid).filter(s -> !s.isZombie()).isPresent());
    }

    @Test
    void usage_realProcess_countsProcessesAndMemory() {
        isolator = new NoIsolator(state, "agent-a");
        CgroupPaths paths = isolator.prepare(id, new ResourceLimits(1, 1024));
        CgroupTestSupport.startInGroup(paths, "sleep 1000");
        await().atMost(Duration.ofSeconds(5)).until(() -> !isolator.pids(id).isEmpty());

        ResourceUsage usage = isolator.usage(id);

        assertThat(usage.processes()).isPositive();
        assertThat(usage.memoryBytes()).isPositive();
        assertThat(isolator.oomKilled(id)).isFalse();
    }

    @Test
    void cleanup_afterPrepare_removesTrackingDirectory() {
        isolator = new NoIsolator(state, "agent-a");
        CgroupPaths paths = isolator.prepare(id, new ResourceLimits(1, 1024));

        isolator.cleanup(id);
        isolator.removeHierarchy();

        assertThat(paths.groupDirs().get(0)).doesNotExist();
        assertThat(state.resolve("strata/agent-a")).doesNotExist();
    }
}
