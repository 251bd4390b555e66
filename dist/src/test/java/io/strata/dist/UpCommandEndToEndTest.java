package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.client.MasterClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata up} as a real child process: it serves, runs tasks, stops cleanly on SIGTERM and recovers. */
class UpCommandEndToEndTest {
    @TempDir
    Path dir;
    Process up;
    String marker = Processes.marker("up");

    @AfterEach
    void cleanUp() {
        if (up != null) {
            up.destroyForcibly();
        }
        Processes.killAll(marker);
    }

    private String startUp(Path log, int masterPort, int agentPort, int zkPort) {
        up = Processes.strataMain(log, "up", "--data-dir", dir.resolve("data").toString(),
                "--master-port", String.valueOf(masterPort), "--agent-port", String.valueOf(agentPort),
                "--zk-port", String.valueOf(zkPort), "--kernel-only", "--agent-resources", "cpus:1;mem:512;disk:512;ports:[31700-31800]");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .alias("strata up starts; its output:\n" + Processes.read(log))
                .until(() -> Processes.read(log).contains("Strata is up") || !up.isAlive());
        assertThat(up.isAlive()).as(Processes.read(log)).isTrue();
        return "http://127.0.0.1:" + masterPort;
    }

    private static List<String> agentIds(MasterClient client) {
        return client.agents().stream().map(a -> a.path("id").asText()).toList();
    }

    @Test
    void up_runsTaskStopsOnSigtermAndRecoversOnSecondStart() throws Exception {
        int masterPort = Processes.freePort();
        int agentPort = Processes.freePort();
        int zkPort = Processes.freePort();
        Path log = dir.resolve("up.log");
        String master = startUp(log, masterPort, agentPort, zkPort);
        assertThat(Processes.read(log)).contains(master).contains("http://127.0.0.1:" + agentPort)
                .contains("127.0.0.1:" + zkPort);
        MasterClient client = MasterClient.of(URI.create(master));
        await().atMost(Duration.ofSeconds(20)).until(() -> client.agents().size() == 1);
        String agentId = agentIds(client).get(0);
        try (TestScheduler scheduler = TestScheduler.subscribe(master, TestScheduler.info("up-test", 60,
                FrameworkInfo.Capability.Type.PARTITION_AWARE))) {
            scheduler.launchAndAwaitRunning("in-up", "while true; do sleep 0.1; done # " + marker, "cpus:0.1;mem:32");
        }
        assertThat(Processes.withMarker(marker)).isNotEmpty();

        long start = System.nanoTime();
        up.destroy();
        assertThat(up.waitFor(15, TimeUnit.SECONDS)).as(Processes.read(log)).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(Processes.read(log)).contains("Stopped.");
        assertThat(Processes.withMarker(marker)).as("tasks are killed with the cluster").isEmpty();

        Path secondLog = dir.resolve("up2.log");
        startUp(secondLog, masterPort, agentPort, zkPort);
        await().atMost(Duration.ofSeconds(30)).alias("the agent comes back with its id")
                .until(() -> client.agents().stream().anyMatch(a -> a.path("id").asText().equals(agentId)
                        && a.path("active").asBoolean()));
        JsonNode frameworks = client.getJson("/master/frameworks");
        assertThat(frameworks.findValuesAsText("name")).as("the framework is recovered").contains("up-test");
        up.destroy();
        assertThat(up.waitFor(15, TimeUnit.SECONDS)).isTrue();
    }
}
