package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.TaskState;
import io.strata.client.MasterClient;
import io.strata.client.TaskQuery;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A framework whose scheduler disconnects keeps its tasks while it re-subscribes within its failover timeout;
 * with a failover timeout of 0 its tasks are killed as soon as it is gone.
 */
class FrameworkFailoverEndToEndTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static MasterClient master;
    String marker;

    @BeforeAll
    static void up() {
        cluster = TestClusters.singleAgent(dir);
        master = MasterClient.of(URI.create(cluster.master().url()));
    }

    @AfterAll
    static void down() {
        TestClusters.close(cluster);
    }

    @BeforeEach
    void mark() {
        marker = Processes.marker("failover");
    }

    @AfterEach
    void cleanUp() {
        Processes.killAll(marker);
    }

    private String loop() {
        return "while true; do sleep 0.1; done # " + marker;
    }

    private boolean connected(String frameworkId) {
        return master.frameworks().stream().filter(f -> f.path("id").asText().equals(frameworkId))
                .anyMatch(f -> f.path("connected").asBoolean());
    }

    private String taskState(String taskId) {
        return master.tasks(TaskQuery.DEFAULT).stream().filter(t -> t.path("id").asText().equals(taskId))
                .findFirst().map(t -> t.path("state").asText()).orElse("absent");
    }

    @Test
    void resubscribe_withinFailoverTimeout_keepsTaskAndUpdatesContinue() {
        FrameworkInfo info = TestScheduler.info("failover-60", 60, FrameworkInfo.Capability.Type.PARTITION_AWARE);
        TestScheduler first = TestScheduler.subscribe(cluster.master().url(), info);
        String id = first.frameworkId().value();
        first.launchAndAwaitRunning("kept", loop(), "cpus:0.1;mem:32");

        first.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !connected(id));
        assertThat(taskState("kept")).isEqualTo("TASK_RUNNING");

        try (TestScheduler second = TestScheduler.subscribe(cluster.master().url(), info.withId(first.frameworkId()))) {
            assertThat(second.frameworkId().value()).isEqualTo(id);
            assertThat(connected(id)).isTrue();
            assertThat(Processes.withMarker(marker)).as("the task survived the failover").isNotEmpty();
            assertThat(taskState("kept")).isEqualTo("TASK_RUNNING");

            second.kill("kept", Duration.ofMillis(500));

            assertThat(second.awaitTerminal("kept", Duration.ofSeconds(10)).state()).isEqualTo(TaskState.TASK_KILLED);
            await().atMost(Duration.ofSeconds(5)).until(() -> Processes.withMarker(marker).isEmpty());
            second.teardown();
        }
    }

    @Test
    void disconnect_withZeroFailoverTimeout_killsItsTasks() {
        TestScheduler scheduler = TestScheduler.subscribe(cluster.master().url(),
                TestScheduler.info("failover-0", 0, FrameworkInfo.Capability.Type.PARTITION_AWARE));
        scheduler.launchAndAwaitRunning("doomed", loop(), "cpus:0.1;mem:32");
        assertThat(Processes.withMarker(marker)).isNotEmpty();

        scheduler.close();

        await().atMost(Duration.ofSeconds(15)).until(() -> Processes.withMarker(marker).isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> taskState("doomed").equals("TASK_KILLED"));
        JsonNode completed = master.getJson("/master/frameworks").path("completed_frameworks");
        assertThat(completed.findValuesAsText("id")).contains(scheduler.frameworkId().value());
    }
}
