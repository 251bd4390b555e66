package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.mesos.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task groups across an agent restart: the new agent takes the running group back, namespace and all. */
class TaskGroupRecoveryTest {
    @TempDir
    Path dataDir;
    private GroupCluster cluster;
    private GroupFramework framework;

    @BeforeEach
    void start() {
        cluster = GroupCluster.start(dataDir);
        framework = GroupFramework.subscribe(cluster.master().url());
    }

    @AfterEach
    void stop() {
        framework.close();
        cluster.close();
    }

    @Test
    void agentRestart_runningGroupIsRecoveredWithItsNamespaceAndStillKilledAsAGroup() throws Exception {
        io.strata.api.mesos.ContainerInfo mapped = new io.strata.api.mesos.ContainerInfo(
                io.strata.api.mesos.ContainerInfo.Type.MESOS, null, null, null, List.of(
                        new io.strata.api.mesos.ContainerInfo.NetworkInfo("private", List.of(
                                new io.strata.api.mesos.ContainerInfo.NetworkInfo.PortMapping(31060, 18081, "tcp")))));
        framework.launch("pod-r", mapped, "cpus:0.1;mem:32;ports:[31060-31060]", GroupFramework.task("r-server",
                        "exec socat TCP-LISTEN:18081,bind=127.0.0.1,reuseaddr,fork SYSTEM:'echo still-here'"),
                GroupFramework.task("r-sleeper", "sleep 600"));
        framework.awaitState("r-server", TaskState.TASK_RUNNING);
        framework.awaitState("r-sleeper", TaskState.TASK_RUNNING);

        cluster.restartAgent();

        // the group's namespace outlived the agent, and the server in it still answers on the group's loopback
        Path netns = onlyNamespace();
        Awaitility.await("server answers in the namespace").atMost(Duration.ofSeconds(30))
                .until(() -> askInNamespace(netns).contains("still-here"));
        assertThat(framework.latest("r-server").orElseThrow().state()).isEqualTo(TaskState.TASK_RUNNING);
        // and its port mapping is served again by the new agent
        Awaitility.await("host port answers after the restart").atMost(Duration.ofSeconds(30)).until(() -> {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", 31060)) {
                s.setSoTimeout(5000);
                return new String(s.getInputStream().readAllBytes()).contains("still-here");
            } catch (IOException e) {
                return false;
            }
        });

        framework.kill("r-sleeper");

        framework.awaitState("r-sleeper", TaskState.TASK_KILLED);
        framework.awaitState("r-server", TaskState.TASK_KILLED);
        assertThat(framework.states("r-sleeper")).doesNotContain(TaskState.TASK_FAILED);
        assertThat(framework.states("r-server")).doesNotContain(TaskState.TASK_FAILED);
        Awaitility.await("namespace removed").atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(netns));
    }

    @Test
    void agentRestart_taskFailedWhileTheAgentWasDown_theOthersAreKilled() {
        framework.launch("pod-away", GroupFramework.task("away-a", "sleep 2; exit 4"),
                GroupFramework.task("away-b", "sleep 600"));
        framework.awaitState("away-a", TaskState.TASK_RUNNING);
        framework.awaitState("away-b", TaskState.TASK_RUNNING);

        cluster.restartAgent(Duration.ofSeconds(4));

        assertThat(framework.awaitState("away-a", TaskState.TASK_FAILED).message()).contains("status 4");
        framework.awaitState("away-b", TaskState.TASK_KILLED);
    }

    private Path onlyNamespace() throws IOException {
        try (Stream<Path> files = Files.list(cluster.workDir().resolve(TaskGroups.NETNS_DIR))) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private static String askInNamespace(Path netns) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/nsenter", "--net=" + netns, "--", "socat", "-u", "TCP:127.0.0.1:18081",
                "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
