package io.strata.agent.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.agent.isolation.ProcFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KillerTest {

    @TempDir
    Path tempDir;
    private LauncherFixture fixture;
    private Killer killer;

    @BeforeEach
    void setUp() {
        fixture = new LauncherFixture(tempDir, "c1");
        killer = new Killer(fixture.isolator);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(fixture.sandbox.resolve("ready.txt")));
    }

    @Test
    void kill_taskTrapsSigterm_exitsCleanlyWithinGrace() throws Exception {
        RunningProcess process = fixture.launchShell(
                "trap 'echo bye > term.txt; exit 0' TERM; echo > ready.txt; while :; do sleep 0.1; done");
        awaitReady();

        ExitStatus status = killer.kill(process, KillPolicy.DEFAULT).get(10, TimeUnit.SECONDS);

        assertThat(status).isEqualTo(new ExitStatus.Exited(0));
        assertThat(fixture.sandbox.resolve("term.txt")).exists();
    }

    @Test
    void kill_taskIgnoresSigterm_isKilledAfterGrace() throws Exception {
        RunningProcess process = fixture.launchShell("trap '' TERM; echo > ready.txt; while :; do sleep 0.1; done");
        awaitReady();
        long started = System.nanoTime();

        ExitStatus status = killer.kill(process, new KillPolicy(Duration.ofMillis(500))).get(10, TimeUnit.SECONDS);

        assertThat(status).isEqualTo(new ExitStatus.Exited(137));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(fixture.isolator.pids(fixture.id)).isEmpty();
    }

    @Test
    void kill_treeWithBackgroundedGrandchildAndOrphan_leavesNothingRunning() throws Exception {
        RunningProcess process = fixture.launchShell(
                "sleep 1000 & (sleep 1000 &); sh -c 'sleep 1000; true' & echo > ready.txt; wait");
        awaitReady();
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.isolator.pids(fixture.id).size() >= 6);
        Set<Long> pids = fixture.isolator.pids(fixture.id);

        ExitStatus status = killer.kill(process, new KillPolicy(Duration.ofMillis(200))).get(10, TimeUnit.SECONDS);

        assertThat(status).isInstanceOf(ExitStatus.Exited.class);
        assertThat(fixture.isolator.pids(fixture.id)).isEmpty();
        assertThat(pids).noneMatch(pid -> ProcFs.stat(pid).filter(s -> !s.isZombie()).isPresent());
    }

    @Test
    void kill_alreadyExited_returnsRecordedStatus() throws Exception {
        RunningProcess process = fixture.launchShell("exit 9");
        process.exit().get(10, TimeUnit.SECONDS);

        assertThat(killer.kill(process, KillPolicy.DEFAULT).get(10, TimeUnit.SECONDS))
                .isEqualTo(new ExitStatus.Exited(9));
    }
}
