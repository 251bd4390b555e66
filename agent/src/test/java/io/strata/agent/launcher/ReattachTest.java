package io.strata.agent.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.agent.isolation.ContainerId;
import io.strata.agent.isolation.ProcFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agent restarts simulated by dropping every reference and re-attaching from the stored checkpoint. */
class ReattachTest {

    @TempDir
    Path tempDir;
    private LauncherFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LauncherFixture(tempDir, "c1");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** Launches, stores the checkpoint as the agent would, and forgets the process. */
    private Checkpoint launchAndForget(String command) {
        RunningProcess process = fixture.launchShell(command);
        await().atMost(Duration.ofSeconds(5)).until(() -> process.taskPid().isPresent());
        Path meta = tempDir.resolve("meta/forked.checkpoint");
        process.checkpoint().writeTo(meta);
        return Checkpoint.readFrom(meta);
    }

    @Test
    void reattach_runningTaskKilledFromOutside_observesRecordedStatus() throws Exception {
        Checkpoint checkpoint = launchAndForget("sleep 1000");

        try (ProcessLauncher restarted = new ProcessLauncher()) {
            RunningProcess process = restarted.reattach(checkpoint);
            assertThat(process.exit()).isNotDone();
            long task = process.taskPid().orElseThrow();

            ProcFs.signal(task, ProcFs.SIGKILL);

            assertThat(process.exit().get(10, TimeUnit.SECONDS)).isEqualTo(new ExitStatus.Exited(137));
        }
    }

    @Test
    void reattach_signalThroughReattachedProcess_reachesTask() throws Exception {
        Checkpoint checkpoint = launchAndForget("trap 'exit 5' TERM; touch trapped; while :; do sleep 0.1; done");
        // the task pid is recorded before the shell has run its trap: on a loaded machine SIGTERM could come first
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(fixture.sandbox.resolve("trapped")));

        try (ProcessLauncher restarted = new ProcessLauncher()) {
            RunningProcess process = restarted.reattach(checkpoint);

            assertThat(process.signal(ProcFs.SIGTERM)).isTrue();

            assertThat(process.exit().get(10, TimeUnit.SECONDS)).isEqualTo(new ExitStatus.Exited(5));
        }
    }

    @Test
    void reattach_taskEndedWhileAgentDown_reportsRealExitStatus() throws Exception {
        Checkpoint checkpoint = launchAndForget("sleep 0.2; exit 7");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !ProcFs.isAlive(checkpoint.supervisorPid(), checkpoint.startTimeTicks()));

        try (ProcessLauncher restarted = new ProcessLauncher()) {
            RunningProcess process = restarted.reattach(checkpoint);

            assertThat(process.exit()).isCompletedWithValue(new ExitStatus.Exited(7));
        }
    }

    @Test
    void reattach_processGoneWithoutStatus_reportsUnknown() throws Exception {
        Files.createDirectories(tempDir.resolve("empty-run"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Checkpoint checkpoint = new Checkpoint(ContainerId.of("c9"), gone.pid(), 12345, tempDir.resolve("empty-run"));

        try (ProcessLauncher restarted = new ProcessLauncher()) {
            assertThat(restarted.reattach(checkpoint).exit())
                    .isCompletedWithValue(new ExitStatus.Unknown(ExitStatus.Unknown.GONE));
        }
    }

    @Test
    void reattach_recycledPidWithOtherStartTime_isNotMistakenForOurs() {
        long self = ProcessHandle.current().pid();
        long realStart = ProcFs.stat(self).orElseThrow().startTimeTicks();
        Checkpoint checkpoint = new Checkpoint(ContainerId.of("c9"), self, realStart + 1, tempDir.resolve("none"));

        try (ProcessLauncher restarted = new ProcessLauncher()) {
            assertThat(restarted.reattach(checkpoint).exit()).isCompleted();
        }
    }
}
