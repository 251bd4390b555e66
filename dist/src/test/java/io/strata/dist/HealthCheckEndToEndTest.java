package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.HealthCheck;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health checks run by the agent: changes travel as TASK_RUNNING updates with {@code healthy}; consecutive
 * failures kill the task, which ends TASK_KILLED with {@code healthy: false} (Mesos' command executor).
 */
class HealthCheckEndToEndTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;

    @BeforeAll
    static void up() {
        cluster = TestClusters.singleAgent(dir);
    }

    @AfterAll
    static void down() {
        TestClusters.close(cluster);
    }

    @Test
    void execute_healthCheckTurnsFailing_printsHealthyThenUnhealthyAndTaskIsKilled() {
        String marker = Processes.marker("health");
        // the first check runs after 1 s, once the task has created its file; 3 s later the file goes away
        Cli.Run run = Cli.strata("execute", "--master", cluster.master().url(), "--name", "health",
                "--command", "touch ok; sleep 4; rm ok; sleep 100 # " + marker,
                "--health-check-command", "test -f ok", "--health-check-delay", "1",
                "--health-check-interval", "0.5",
                "--health-check-grace-period", "0", "--health-check-consecutive-failures", "2");

        assertThat(run.code()).as(run.toString()).isNotZero();
        String out = run.out() + run.err();
        assertThat(out).as(run.toString()).contains("TASK_RUNNING (healthy)").contains("TASK_RUNNING (unhealthy)")
                .contains("TASK_KILLED");
        assertThat(out.indexOf("(healthy)")).isLessThan(out.indexOf("(unhealthy)"));
        assertThat(Processes.withMarker(marker)).isEmpty();
    }

    @Test
    void scheduler_tcpCheckWithoutDelay_reportsUnhealthyWithoutKillingWhenFailuresAreZero() {
        try (TestScheduler scheduler = TestScheduler.subscribe(cluster.master().url(),
                TestScheduler.info("health-tcp", 0, FrameworkInfo.Capability.Type.PARTITION_AWARE))) {
            HealthCheck check = new HealthCheck(HealthCheck.Type.TCP, 0.0, 0.3, 1.0, 0, 0.0, null, null,
                    new HealthCheck.Tcp(1));
            scheduler.launch(new TestScheduler.TaskRequest("tcp", "sleep 30", "cpus:0.1;mem:32", null, null), check);

            TaskStatus unhealthy = awaitHealth(scheduler, "tcp", false);
            assertThat(unhealthy.reason()).isEqualTo(TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED);
            assertThat(unhealthy.message()).contains("TCP connect");
            assertThat(scheduler.latest("tcp").orElseThrow().state()).isEqualTo(TaskState.TASK_RUNNING);
            scheduler.teardown();
        }
    }

    @Test
    void scheduler_commandCheckPasses_reportsHealthyOnce() {
        try (TestScheduler scheduler = TestScheduler.subscribe(cluster.master().url(),
                TestScheduler.info("health-ok", 0, FrameworkInfo.Capability.Type.PARTITION_AWARE))) {
            HealthCheck check = new HealthCheck(HealthCheck.Type.COMMAND, 0.0, 0.2, 2.0, 3, 1.0,
                    new CommandInfo(null, null, true, "test -n \"$MESOS_TASK_ID\"", null, null), null, null);
            scheduler.launch(new TestScheduler.TaskRequest("ok", "sleep 30", "cpus:0.1;mem:32", null, null), check);

            awaitHealth(scheduler, "ok", true);
            // five more passing checks happen in this second: only the change is reported
            org.awaitility.Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> healthUpdates(scheduler, "ok").size() == 1);
            scheduler.teardown();
        }
    }

    private static List<TaskStatus> healthUpdates(TestScheduler scheduler, String taskId) {
        return scheduler.updates(taskId).stream().filter(s -> s.healthy() != null).toList();
    }

    private static TaskStatus awaitHealth(TestScheduler scheduler, String taskId, boolean healthy) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.updates(taskId)
                .stream().anyMatch(s -> Boolean.valueOf(healthy).equals(s.healthy())));
        return scheduler.updates(taskId).stream().filter(s -> Boolean.valueOf(healthy).equals(s.healthy()))
                .findFirst().orElseThrow();
    }
}
