package io.strata.agent.oci;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.agent.isolation.ContainerId;
import io.strata.agent.launcher.ExitStatus;
import io.strata.agent.launcher.LaunchSpec;
import io.strata.agent.launcher.ProcessLauncher;
import io.strata.agent.launcher.RunningProcess;
import io.strata.agent.launcher.TaskCommand;
import java.io.IOException;
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

/** Runs real containers with runc: output, exit codes, OOM, users, the sandbox mount and cgroup placement. */
class RuncRuntimeTest {

    private static final long MEMORY = 64L << 20;
    private RuncFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        fixture = RuncFixture.create();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void run_busyboxEcho_printsAndExitsZeroAndStaysUntilDeleted() throws Exception {
        ContainerId id = fixture.newId("hello");
        Path bundle = fixture.bundle(id, RuncFixture.image(List.of("echo", "hello"), "", ""),
                new ContainerProcess.ImageDefault(), NetworkMode.HOST, MEMORY, Optional.empty());

        assertThat(fixture.runToExit(bundle, id)).isZero();
        assertThat(fixture.output(id)).isEqualTo("hello\n");
        // run --keep: the stopped container stays (its cgroup holds the OOM counters) until delete
        assertThat(fixture.runtime.state(id)).get().extracting(ContainerState::status)
                .isEqualTo(ContainerState.Status.STOPPED);
        fixture.runtime.delete(id, false);
        assertThat(fixture.runtime.state(id)).isEmpty();
        assertThat(fixture.cgroupDirs(fixture.cgroupParent + "/" + id.value())).isEmpty();
    }

    @Test
    void run_underSupervisor_exitCodePropagates() throws Exception {
        ContainerId id = fixture.newId("exit3");
        Path bundle = fixture.bundle(id, RuncFixture.image(List.of("sh", "-c", "exit 3"), "", ""),
                new ContainerProcess.ImageDefault(), NetworkMode.HOST, MEMORY, Optional.empty());
        try (ProcessLauncher launcher = new ProcessLauncher()) {
            RunningProcess process = launcher.launch(new LaunchSpec(id,
                    new TaskCommand.Argv(fixture.runtime.runArgv(bundle, id)), Map.of(), fixture.sandbox(id),
                    fixture.dir.resolve(id.value()).resolve("run"), List.of(), Optional.empty()));

            assertThat(process.exit().get(20, TimeUnit.SECONDS)).isEqualTo(new ExitStatus.Exited(3));
        }
    }

    @Test
    void run_environmentUserAndSandbox_areAppliedInside() throws Exception {
        ContainerId id = fixture.newId("env");
        Files.createDirectories(fixture.sandbox(id));
        Files.writeString(fixture.sandbox(id).resolve("in.txt"), "from-host");
        String script = "echo $IMAGE_VAR $TASK_VAR $MESOS_SANDBOX; id -u; id -g; id -G; hostname;"
                + " cat /mnt/mesos/sandbox/in.txt; echo; touch /tmp/t && echo tmp-ok;"
                + " grep -c nameserver /etc/resolv.conf >/dev/null; echo dns-bound;"
                + " awk '/^CapBnd/ {print $2}' /proc/self/status";
        Path bundle = fixture.bundle(id, RuncFixture.image(List.of(), "web", ""), new ContainerProcess.Shell(script),
                NetworkMode.HOST, MEMORY, Optional.empty());
        Files.setPosixFilePermissions(fixture.sandbox(id), java.nio.file.attribute.PosixFilePermissions
                .fromString("rwxrwxrwx"));

        assertThat(fixture.runToExit(bundle, id)).as(fixture.output(id)).isZero();
        // Docker's 14 capabilities: bits 0-8, 10, 13, 18, 27, 29, 31 -> 0x00000000a80425fb
        assertThat(fixture.output(id).lines().toList()).containsExactly(
                "from-image from-task /mnt/mesos/sandbox", "1000", "1000", "1000 50", "box", "from-host",
                "tmp-ok", "dns-bound", "00000000a80425fb");
    }

    @Test
    void run_memoryHogOverLimit_isOomKilledWith137() throws Exception {
        ContainerId id = fixture.newId("oom");
        Path bundle = fixture.bundle(id, RuncFixture.image(List.of(), "", ""),
                new ContainerProcess.Shell("echo start; exec dd if=/dev/zero of=/dev/null bs=96M count=1"),
                NetworkMode.HOST, 32L << 20, Optional.empty());

        assertThat(fixture.runToExit(bundle, id)).isEqualTo(137);
        // exec: the hog is the container's init, so the OOM killer's victim ends the container
        assertThat(fixture.output(id)).startsWith("start").doesNotContain("records in");
    }

    @Test
    void stop_initIgnoresTerm_stopSignalEndsItGracefully() throws Exception {
        ContainerId id = fixture.newId("quit");
        Path bundle = fixture.bundle(id, RuncFixture.image(List.of(), "", "SIGQUIT"),
                new ContainerProcess.Shell("trap 'echo got-quit; exit 7' QUIT; echo ready; "
                        + "while :; do sleep 0.05; done"), NetworkMode.HOST, MEMORY, Optional.empty());
        Process run = fixture.start(bundle, id);
        awaitOutput(id, "ready");

        assertThat(fixture.runtime.kill(id, "SIGTERM")).isTrue();
        assertThat(run.waitFor(300, TimeUnit.MILLISECONDS)).as("pid 1 ignores SIGTERM without a handler").isFalse();
        assertThat(fixture.runtime.state(id)).get().extracting(ContainerState::status)
                .isEqualTo(ContainerState.Status.RUNNING);

        String stopSignal = OciSpec.stopSignal(RuncFixture.image(List.of(), "", "SIGQUIT"));
        assertThat(fixture.runtime.stop(id, stopSignal, Duration.ofSeconds(5))).isTrue();
        assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isEqualTo(7);
        assertThat(fixture.output(id)).contains("got-quit");
    }

    @Test
    void stop_initIgnoresStopSignal_isKilledAfterGrace() throws Exception {
        ContainerId id = fixture.newId("kill");
        Path bundle = fixture.bundle(id, RuncFixture.image(List.of(), "", ""),
                new ContainerProcess.Shell("echo ready; while :; do sleep 0.05; done"), NetworkMode.HOST, MEMORY,
                Optional.empty());
        Process run = fixture.start(bundle, id);
        awaitOutput(id, "ready");

        assertThat(fixture.runtime.stop(id, OciSpec.DEFAULT_STOP_SIGNAL, Duration.ofMillis(200))).isFalse();
        assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isEqualTo(137);
        assertThat(fixture.runtime.kill(id, "SIGKILL")).isFalse();
    }

    @Test
    void run_unknownImageUser_failsWhileWritingTheBundle() {
        ContainerId id = fixture.newId("nouser");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.bundle(id,
                        RuncFixture.image(List.of("true"), "postgres", ""), new ContainerProcess.ImageDefault(),
                        NetworkMode.HOST, MEMORY, Optional.empty()))
                .isInstanceOf(OciException.class).hasMessageContaining("unknown user 'postgres'");
    }

    private void awaitOutput(ContainerId id, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!fixture.output(id).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' from " + id + ": " + fixture.output(id));
            }
            Thread.sleep(10);
        }
    }
}
