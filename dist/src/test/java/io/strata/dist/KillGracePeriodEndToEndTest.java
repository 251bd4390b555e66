package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Killing a task: SIGTERM, the KillPolicy grace period (default 3 s), then SIGKILL of the whole process tree,
 * through the scheduler's KILL and through {@code strata task kill}.
 */
class KillGracePeriodEndToEndTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    TestScheduler scheduler;
    String marker;

    @BeforeAll
    static void up() {
        cluster = TestClusters.singleAgent(dir);
    }

    @AfterAll
    static void down() {
        TestClusters.close(cluster);
    }

    @BeforeEach
    void subscribe() {
        marker = Processes.marker("kill-test");
        scheduler = TestScheduler.subscribe(cluster.master().url(), TestScheduler.info("kill-test", 0,
                FrameworkInfo.Capability.Type.TASK_KILLING_STATE));
    }

    @AfterEach
    void cleanUp() {
        scheduler.teardown();
        Processes.killAll(marker);
    }

    /** A task that writes {@code file} when SIGTERM arrives, then exits; it touches the ready file first. */
    private String trappingCommand(Path file) {
        return "trap 'echo terminated > " + file + "; exit 0' TERM; touch " + ready() + "; "
                + "while true; do sleep 0.1; done # " + marker;
    }

    /** A task that ignores SIGTERM and has a child that ignores it too (the child touches the ready file). */
    private String stubbornCommand() {
        return "trap '' TERM; sh -c \"trap '' TERM; touch " + ready() + "; while true; do sleep 0.1; done # "
                + marker + "\" & while true; do sleep 0.1; done # " + marker;
    }

    private Path ready() {
        return dir.resolve(marker + ".ready");
    }

    /** Launches a task and waits until its signal handling is in place. */
    private void launchReady(String taskId, String command) {
        scheduler.launchAndAwaitRunning(taskId, command, "cpus:0.1;mem:32");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(ready()));
    }

    @Test
    void schedulerKill_taskTrapsSigterm_handlerRunsAndTaskIsKilled() {
        Path file = dir.resolve(marker + ".out");
        launchReady("trap", trappingCommand(file));

        scheduler.kill("trap", null);

        TaskStatus end = scheduler.awaitTerminal("trap", Duration.ofSeconds(10));
        assertThat(end.state()).isEqualTo(TaskState.TASK_KILLED);
        assertThat(file).hasContent("terminated");
        assertThat(scheduler.updates("trap")).extracting(TaskStatus::state).contains(TaskState.TASK_KILLING);
        await().atMost(Duration.ofSeconds(5)).until(() -> Processes.withMarker(marker).isEmpty());
    }

    @Test
    void schedulerKill_taskIgnoresSigterm_isKilledAfterDefaultGraceWithItsTree() {
        launchReady("stubborn", stubbornCommand());
        assertThat(Processes.withMarker(marker)).as("the task and its child").hasSizeGreaterThanOrEqualTo(2);
        long start = System.nanoTime();

        scheduler.kill("stubborn", null);

        TaskStatus end = scheduler.awaitTerminal("stubborn", Duration.ofSeconds(15));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(end.state()).isEqualTo(TaskState.TASK_KILLED);
        assertThat(end.message()).contains("Killed");
        assertThat(took).as("default grace 3 s").isGreaterThanOrEqualTo(Duration.ofMillis(2900))
                .isLessThan(Duration.ofSeconds(10));
        assertThat(Processes.withMarker(marker)).as("nothing of the tree survives").isEmpty();
    }

    @Test
    void schedulerKill_withShortGracePolicy_killsSooner() {
        launchReady("short", stubbornCommand());
        long start = System.nanoTime();

        scheduler.kill("short", Duration.ofMillis(500));

        scheduler.awaitTerminal("short", Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2900));
        assertThat(Processes.withMarker(marker)).isEmpty();
    }

    @Test
    void cliTaskKill_taskIgnoresSigterm_isKilledWithItsTree() {
        launchReady("cli-kill", stubbornCommand());
        assertThat(Processes.withMarker(marker)).as("the task and its child").hasSizeGreaterThanOrEqualTo(2);

        Cli.Run run = Cli.strata("task", "kill", "--master", cluster.master().url(), "cli-kill");

        assertThat(run.code()).as(run.toString()).isZero();
        TaskStatus end = scheduler.awaitTerminal("cli-kill", Duration.ofSeconds(15));
        assertThat(end.state()).isEqualTo(TaskState.TASK_KILLED);
        assertThat(Processes.withMarker(marker)).isEmpty();
    }

    @Test
    void cliTaskKill_trappingTask_handlerWritesItsFile() throws Exception {
        Path file = dir.resolve(marker + ".cli.out");
        launchReady("cli-trap", trappingCommand(file));

        Cli.Run run = Cli.strata("task", "kill", "--master", cluster.master().url(), "cli-trap");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(scheduler.awaitTerminal("cli-trap", Duration.ofSeconds(10)).state())
                .isEqualTo(TaskState.TASK_KILLED);
        assertThat(Files.readString(file)).contains("terminated");
    }

    @Test
    void taskExit_leavesBackgroundChild_childIsKilledWithTheContainer() {
        String command = "sh -c 'while true; do sleep 1; done # " + marker + "' & echo started";

        scheduler.launch(new TestScheduler.TaskRequest("leaves-child", command, "cpus:0.1;mem:32", null, null));

        assertThat(scheduler.awaitTerminal("leaves-child", Duration.ofSeconds(15)).state())
                .isEqualTo(TaskState.TASK_FINISHED);
        await().atMost(Duration.ofSeconds(5)).alias("the orphan is killed with its container")
                .until(() -> Processes.withMarker(marker).isEmpty());
    }
}
