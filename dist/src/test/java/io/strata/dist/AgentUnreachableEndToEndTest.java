package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.agent.Agent;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that stops heartbeating becomes unreachable after ping timeout x 5 (here 0.5 s x 5): its tasks go
 * TASK_UNREACHABLE for a partition-aware framework, and TASK_RUNNING again when an agent on the same work
 * directory comes back.
 */
class AgentUnreachableEndToEndTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static Agent revived;

    @BeforeAll
    static void up() {
        cluster = LocalCluster.start(LocalCluster.Settings.forTests(dir, 1)
                .withAgentResources("cpus:2;mem:1024;disk:1024;ports:[31000-31100]")
                .withAgentPingTimeout(Duration.ofMillis(500)), line -> { });
    }

    @AfterAll
    static void down() {
        if (revived != null) {
            revived.shutdown(Duration.ofSeconds(1));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void agentSilent_thenBack_taskUnreachableThenRunningAgain() {
        String marker = Processes.marker("unreachable");
        Agent original = cluster.agents().get(0);
        try (TestScheduler scheduler = TestScheduler.subscribe(cluster.master().url(),
                TestScheduler.info("partition-aware", 60, FrameworkInfo.Capability.Type.PARTITION_AWARE))) {
            scheduler.launchAndAwaitRunning("patient", "while true; do sleep 0.1; done # " + marker,
                    "cpus:0.1;mem:32");

            original.close();

            TaskStatus unreachable = scheduler.awaitState("patient", TaskState.TASK_UNREACHABLE,
                    Duration.ofSeconds(15));
            assertThat(unreachable.reason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
            assertThat(Processes.withMarker(marker)).as("the task keeps running meanwhile").isNotEmpty();

            int before = scheduler.updates("patient").size();
            revived = Agent.start(original.config());

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> scheduler.updates("patient")
                    .stream().skip(before).anyMatch(s -> s.state() == TaskState.TASK_RUNNING));
            assertThat(revived.id()).isEqualTo(original.id());
            scheduler.kill("patient", Duration.ofMillis(200));
            assertThat(scheduler.awaitTerminal("patient", Duration.ofSeconds(10)).state())
                    .isEqualTo(TaskState.TASK_KILLED);
            scheduler.teardown();
        } finally {
            Processes.killAll(marker);
        }
    }
}
