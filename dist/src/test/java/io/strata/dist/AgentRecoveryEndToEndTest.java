package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.client.MasterClient;
import io.strata.client.TaskQuery;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import io.strata.store.embedded.EmbeddedZooKeeper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent running as its own JVM ({@code strata agent}) is killed with SIGKILL and started again on the same
 * work directory: it re-attaches to its running task and reports the one that ended meanwhile with its real
 * exit status; nothing is orphaned.
 */
class AgentRecoveryEndToEndTest {
    @TempDir
    static Path dir;
    static EmbeddedZooKeeper zk;
    static Master master;
    static MasterClient client;
    Path workDir;
    Path log;
    int port;
    Process agent;
    String marker;
    TestScheduler scheduler;

    @BeforeAll
    static void startMaster() {
        zk = EmbeddedZooKeeper.start(dir.resolve("zk"), "127.0.0.1", 0);
        // frequent heartbeats: the master notices a dead agent's stream at its next write
        master = Master.start(MasterConfig.defaults("127.0.0.1", 0, zk.connectString() + "/strata")
                .withHeartbeatInterval(Duration.ofSeconds(1)));
        assertThat(master.awaitLeadership(Duration.ofSeconds(30))).isTrue();
        client = MasterClient.of(URI.create(master.url()));
    }

    @AfterAll
    static void stopMaster() {
        if (master != null) {
            master.close();
        }
        if (zk != null) {
            zk.close();
        }
    }

    @BeforeEach
    void prepare() throws IOException {
        marker = Processes.marker("recovery");
        // not named after the marker: the agent's own command line must not match it
        workDir = Files.createTempDirectory(dir, "agent");
        log = workDir.resolveSibling("agent.log");
        port = Processes.freePort();
    }

    @AfterEach
    void cleanUp() {
        try {
            if (scheduler != null) {
                scheduler.teardown();
            }
            if (agent != null && agent.isAlive()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> Processes.withMarker(marker).isEmpty());
            }
        } finally {
            if (agent != null) {
                agent.destroyForcibly();
            }
            Processes.killAll(marker);
        }
    }

    private void startAgent() {
        agent = Processes.strataMain(log, "agent", "--master", master.url(), "--ip", "127.0.0.1",
                "--port", String.valueOf(port), "--work-dir", workDir.toString(),
                "--resources", "cpus:1;mem:512;disk:512;ports:[31500-31600]");
    }

    /** The master's view of our agent, once it is registered and active. */
    private JsonNode awaitActiveAgent() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .alias("agent on port " + port + " is active; its log:\n" + Processes.read(log))
                .until(() -> ourAgent().map(a -> a.path("active").asBoolean()).orElse(false));
        return ourAgent().orElseThrow();
    }

    private Optional<JsonNode> ourAgent() {
        return client.agents().stream().filter(a -> a.path("port").asInt() == port).findFirst();
    }

    /** SIGKILLs the agent JVM; returns when it is gone. */
    private void crashAgent() throws InterruptedException {
        agent.destroyForcibly();
        assertThat(agent.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    /** Waits until the agent re-registered after {@code since} (seconds since the epoch); returns its view. */
    private JsonNode awaitReregistered(double since) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .alias("agent on port " + port + " re-registers; its log:\n" + Processes.read(log))
                .until(() -> ourAgent().map(a -> a.path("reregistered_time").asDouble(0) > since).orElse(false));
        return ourAgent().orElseThrow();
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private String masterState(String taskId) {
        List<JsonNode> tasks = client.tasks(TaskQuery.DEFAULT);
        return tasks.stream().filter(t -> t.path("id").asText().equals(taskId)).findFirst()
                .map(t -> t.path("state").asText()).orElse("absent");
    }

    /** A task that records its pid, then waits; SIGTERM from outside makes it exit with status 7. */
    private String waitingCommand(Path pidFile) {
        return "trap 'exit 7' TERM; echo $$ > " + pidFile + "; while true; do sleep 0.1; done # " + marker;
    }

    private long taskPid(Path pidFile) throws IOException {
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    @Test
    void agentSigkill_restartOnSameWorkDir_reattachesToRunningTask() throws Exception {
        startAgent();
        String agentId = awaitActiveAgent().path("id").asText();
        scheduler = TestScheduler.subscribe(master.url(), TestScheduler.info("recovery", 60,
                FrameworkInfo.Capability.Type.PARTITION_AWARE));
        Path pidFile = dir.resolve(marker + ".pid");
        scheduler.launchOnAndAwaitRunning(agentId, "survivor", waitingCommand(pidFile), "cpus:0.1;mem:32");
        long pid = taskPid(pidFile);

        crashAgent();
        assertThat(ProcessHandle.of(pid)).as("the task outlives its agent").isPresent()
                .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        double crashed = now();
        startAgent();

        JsonNode back = awaitReregistered(crashed);
        assertThat(back.path("id").asText()).isEqualTo(agentId);
        assertThat(masterState("survivor")).isEqualTo("TASK_RUNNING");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        scheduler.kill("survivor", Duration.ofSeconds(1));
        assertThat(scheduler.awaitTerminal("survivor", Duration.ofSeconds(15)).state())
                .as("a re-attached task can still be killed").isEqualTo(TaskState.TASK_KILLED);
        await().atMost(Duration.ofSeconds(5)).until(() -> Processes.withMarker(marker).isEmpty());
    }

    @Test
    void agentSigkill_taskEndsWhileAgentIsDown_restartReportsRealExitStatus() throws Exception {
        startAgent();
        String agentId = awaitActiveAgent().path("id").asText();
        scheduler = TestScheduler.subscribe(master.url(), TestScheduler.info("recovery", 60,
                FrameworkInfo.Capability.Type.PARTITION_AWARE));
        Path pidFile = dir.resolve(marker + ".pid");
        scheduler.launchOnAndAwaitRunning(agentId, "ends-alone", waitingCommand(pidFile), "cpus:0.1;mem:32");
        long pid = taskPid(pidFile);

        crashAgent();
        ProcessHandle.of(pid).orElseThrow();
        assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(pid)).start().waitFor()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> Processes.withMarker(marker).isEmpty());
        assertThat(masterState("ends-alone")).as("nobody told the master yet").isEqualTo("TASK_RUNNING");
        double crashed = now();
        startAgent();

        assertThat(awaitReregistered(crashed).path("id").asText()).isEqualTo(agentId);
        TaskStatus end = scheduler.awaitTerminal("ends-alone", Duration.ofSeconds(20));
        assertThat(end.state()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(end.message()).contains("status 7");
        await().atMost(Duration.ofSeconds(5)).until(() -> masterState("ends-alone").equals("TASK_FAILED"));
        assertThat(Processes.withMarker(marker)).as("no supervisor or task left").isEmpty();
    }
}
