package io.strata.agent.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.agent.isolation.CgroupPaths;
import io.strata.agent.isolation.ContainerId;
import io.strata.agent.isolation.ProcFs;
import io.strata.agent.isolation.ResourceLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes under the real supervisor script (and real cgroups where the host has them). */
class ProcessLauncherTest {

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

    private static ExitStatus exitOf(RunningProcess process) throws Exception {
        return process.exit().get(30, TimeUnit.SECONDS);
    }

    @Test
    void launch_shellExitThree_reportsThree() throws Exception {
        RunningProcess process = fixture.launchShell("exit 3");

        assertThat(exitOf(process)).isEqualTo(new ExitStatus.Exited(3));
        assertThat(Files.readString(fixture.runDir.resolve("exit_status")).trim()).isEqualTo("3");
    }

    @Test
    void launch_argvTrue_succeedsAndWritesStdoutToSandbox() throws Exception {
        CgroupPaths paths = fixture.isolator.prepare(fixture.id, new ResourceLimits(1, 64 * LauncherFixture.MB));
        LaunchSpec spec = new LaunchSpec(fixture.id, new TaskCommand.Argv(List.of("echo", "hello", "$HOME")),
                Map.of(), fixture.sandbox, fixture.runDir, paths.procsFiles(), Optional.empty());

        ExitStatus status = exitOf(fixture.launcher.launch(spec));

        assertThat(status.isSuccess()).isTrue();
        assertThat(fixture.stdout()).isEqualTo("hello $HOME\n");
    }

    @Test
    void launch_environmentAndCwd_areTheTasks() throws Exception {
        CgroupPaths paths = fixture.isolator.prepare(fixture.id, new ResourceLimits(1, 64 * LauncherFixture.MB));
        LaunchSpec spec = LaunchSpec.shell(fixture.id, "echo \"$GREETING\" \"$PATH\" \"$(pwd)\"; echo oops >&2",
                Map.of("GREETING", "hi there"), fixture.sandbox, fixture.runDir, paths.procsFiles());

        exitOf(fixture.launcher.launch(spec));

        assertThat(fixture.stdout()).isEqualTo("hi there " + ProcessLauncher.DEFAULT_PATH + " " + fixture.sandbox
                + "\n");
        assertThat(Files.readString(fixture.sandbox.resolve("stderr"))).isEqualTo("oops\n");
    }

    @Test
    void launch_spareStarted_handsTheOrderToTheSpareSupervisor() throws Exception {
        exitOf(fixture.launchShell("exit 0"));
        fixture.launcher.startSpare();
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.launcher.sparePid().isPresent());
        long spare = fixture.launcher.sparePid().getAsLong();
        Path sandbox = Files.createDirectories(tempDir.resolve("second"));

        RunningProcess second = fixture.launcher.launch(LaunchSpec.shell(ContainerId.of("c2"), "echo second; exit 4",
                Map.of(), sandbox, tempDir.resolve("run2"), List.of()));

        assertThat(second.supervisorPid()).isEqualTo(spare);
        assertThat(exitOf(second)).isEqualTo(new ExitStatus.Exited(4));
        assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("second\n");
        assertThat(Files.readString(tempDir.resolve("run2").resolve("exit_status")).trim()).isEqualTo("4");
    }

    @Test
    void launch_wordsWithQuotesSpacesAndNewlines_reachTheTaskUnchanged() throws Exception {
        for (int round = 0; round < 2; round++) { // a fresh supervisor, then the spare
            Path sandbox = Files.createDirectories(tempDir.resolve("words" + round));
            LaunchSpec spec = new LaunchSpec(ContainerId.of("w" + round), new TaskCommand.Argv(List.of("/bin/sh",
                    "-c", "printf '%s|%s|%s|%s' \"$1\" \"$2\" \"$X\" \"$EMPTY\"", "sh", "it's", "a\nb  c")),
                    Map.of("X", "don't 'quote'\n$me", "EMPTY", ""), sandbox, tempDir.resolve("wrun" + round),
                    List.of(), Optional.empty());

            assertThat(exitOf(fixture.launcher.launch(spec)).isSuccess()).isTrue();

            assertThat(Files.readString(sandbox.resolve("stdout"))).isEqualTo("it's|a\nb  c|don't 'quote'\n$me|");
            fixture.launcher.startSpare();
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.launcher.sparePid().isPresent());
        }
    }

    @Test
    void launch_argvTask_environmentIsExactlyTheTasksWithPathAndPwd() throws Exception {
        LaunchSpec spec = new LaunchSpec(fixture.id, new TaskCommand.Argv(List.of("/usr/bin/env")),
                Map.of("A", "1", "B", "two words"), fixture.sandbox, fixture.runDir, List.of(), Optional.empty());

        assertThat(exitOf(fixture.launcher.launch(spec)).isSuccess()).isTrue();

        assertThat(fixture.stdout().lines().sorted()).containsExactly("A=1", "B=two words",
                "PATH=" + ProcessLauncher.DEFAULT_PATH, "PWD=" + fixture.sandbox);
    }

    @Test
    void launch_missingSandbox_throwsLaunchException() {
        LaunchSpec spec = LaunchSpec.shell(fixture.id, "true", Map.of(), tempDir.resolve("nowhere"), fixture.runDir,
                List.of());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.launcher.launch(spec))
                .isInstanceOf(LaunchException.class).hasMessageContaining("nowhere");
    }

    @Test
    void close_spareSupervisorWaiting_endsIt() throws Exception {
        exitOf(fixture.launchShell("exit 0"));
        fixture.launcher.startSpare();
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.launcher.sparePid().isPresent());
        long spare = fixture.launcher.sparePid().getAsLong();

        fixture.launcher.close();

        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(spare).map(h -> !h.isAlive()).orElse(true));
        assertThat(fixture.launcher.sparePid()).isEmpty();
    }

    @Test
    void launch_signalDeath_reportsOneTwentyEightPlusSignal() throws Exception {
        assertThat(exitOf(fixture.launchShell("kill -s KILL $$"))).isEqualTo(new ExitStatus.Exited(137));
    }

    @Test
    void launch_task_runsInsideContainerGroupInNewSession() throws Exception {
        RunningProcess process = fixture.launchShell("sleep 1000");
        await().atMost(Duration.ofSeconds(5)).until(() -> process.taskPid().isPresent());
        long task = process.taskPid().getAsLong();

        assertThat(fixture.isolator.pids(fixture.id)).contains(process.supervisorPid(), task);
        assertThat(ProcFs.stat(process.supervisorPid()).orElseThrow().session()).isEqualTo(process.supervisorPid());
        assertThat(ProcFs.stat(task).orElseThrow().ppid()).isEqualTo(process.supervisorPid());
    }

    @Test
    void signal_sigtermToTrappingTask_taskHandlesItAndExitsZero() throws Exception {
        RunningProcess process = fixture.launchShell(
                "trap 'echo handled > term.txt; exit 0' TERM; echo ready > ready.txt; while :; do sleep 0.1; done");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(fixture.sandbox.resolve("ready.txt")));

        assertThat(process.signal(ProcFs.SIGTERM)).isTrue();

        assertThat(exitOf(process)).isEqualTo(new ExitStatus.Exited(0));
        assertThat(Files.readString(fixture.sandbox.resolve("term.txt"))).isEqualTo("handled\n");
    }

    @Test
    void signal_sigtermToSupervisor_isForwardedToTask() throws Exception {
        RunningProcess process = fixture.launchShell(
                "trap 'echo forwarded > term.txt; exit 4' TERM; echo ready > ready.txt; while :; do sleep 0.1; done");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(fixture.sandbox.resolve("ready.txt")));

        ProcFs.signal(process.supervisorPid(), ProcFs.SIGTERM);

        assertThat(exitOf(process)).isEqualTo(new ExitStatus.Exited(4));
        assertThat(Files.readString(fixture.sandbox.resolve("term.txt"))).isEqualTo("forwarded\n");
    }

    @Test
    void signal_afterExit_returnsFalse() throws Exception {
        RunningProcess process = fixture.launchShell("true");
        exitOf(process);

        assertThat(process.signal(ProcFs.SIGTERM)).isFalse();
    }

    @Test
    void launch_memoryLimitExceeded_reports137AndOomKilled() throws Exception {
        assumeTrue(fixture.hasCgroups(), "host has no usable cgroups: cannot enforce a memory limit");

        RunningProcess process = fixture.launchShell("head -c 100M /dev/zero | tail", 32 * LauncherFixture.MB);

        assertThat(exitOf(process)).isEqualTo(new ExitStatus.Exited(137));
        assertThat(fixture.isolator.oomKilled(fixture.id)).isTrue();
    }

    @Test
    void launch_procsFileUnwritable_reportsLaunchFailed() throws Exception {
        LaunchSpec spec = LaunchSpec.shell(fixture.id, "true", Map.of(), fixture.sandbox, fixture.runDir,
                List.of(tempDir.resolve("no-such-dir/cgroup.procs")));

        ExitStatus status = exitOf(fixture.launcher.launch(spec));

        assertThat(status).isInstanceOf(ExitStatus.LaunchFailed.class);
    }

    @Test
    void launch_asNobody_runsWithThatUid() throws Exception {
        assumeTrue(ProcFs.stat(1).isPresent() && Files.readString(Path.of("/etc/passwd")).contains("\nnobody:"),
                "no 'nobody' user on this host");
        assumeTrue(Files.readString(Path.of("/proc/self/status")).matches("(?s).*\nUid:\\s+0\\s.*"), "needs root");
        CgroupPaths paths = fixture.isolator.prepare(fixture.id, new ResourceLimits(1, 64 * LauncherFixture.MB));
        LaunchSpec spec = new LaunchSpec(fixture.id, new TaskCommand.Shell("id -un"), Map.of(), fixture.sandbox,
                fixture.runDir, paths.procsFiles(), Optional.of("nobody"));

        ExitStatus status = exitOf(fixture.launcher.launch(spec));

        assertThat(status.isSuccess()).isTrue();
        assertThat(fixture.stdout()).isEqualTo("nobody\n");
    }
}
