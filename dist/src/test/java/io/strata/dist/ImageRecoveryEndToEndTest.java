package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.agent.Agent;
import io.strata.agent.ImageSettings;
import io.strata.agent.oci.ContainerState;
import io.strata.agent.oci.OciRuntimeKind;
import io.strata.agent.oci.RuncRuntime;
import io.strata.testing.images.ImageFormat;
import io.strata.testing.images.TestImages;
import io.strata.testing.images.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent that restarts without the checkpoint of an image task removes the container nobody owns. */
class ImageRecoveryEndToEndTest {
    @TempDir
    Path dir;
    TestRegistry registry;
    LocalCluster cluster;
    Agent restarted;

    @BeforeEach
    void up() {
        assumeTrue(TestRegistry.isInstalled() && RuncRuntime.locate().isPresent() && TestImages.busyboxInstalled()
                        && TestImages.nginxInstalled(),
                "docker-registry, runc, busybox-static and nginx-light are needed (bin/test installs them)");
        registry = TestRegistry.start();
        registry.push(TestImages.busybox(), "busybox", "latest", ImageFormat.OCI);
        registry.push(TestImages.nginx(), "nginx", "latest", ImageFormat.OCI);
        cluster = LocalCluster.start(LocalCluster.Settings.forTests(dir, 1)
                .withAgentResources("cpus:1;mem:512;disk:512;ports:[31200-31300]")
                .withImages(new ImageSettings(registry.address(), Set.of(), "runc")), line -> { });
    }

    @AfterEach
    void down() {
        if (restarted != null) {
            restarted.shutdown(Duration.ofSeconds(1));
        }
        if (cluster != null) {
            cluster.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void restart_containerWithoutCheckpoint_isKilledAndDeleted() throws Exception {
        CompletableFuture<Cli.Run> run = CompletableFuture.supplyAsync(() -> Cli.strata("execute", "--master",
                cluster.master().url(), "--name", "orphan", "--image", "busybox", "--command", "sleep 300",
                "--timeout", "120"));
        Agent agent = cluster.agents().get(0);
        Path workDir = agent.paths().workDir();
        RuncRuntime runc = RuncRuntime.create(OciRuntimeKind.RUNC, workDir.resolve("runc"));
        Awaitility.await("the container runs").atMost(Duration.ofSeconds(60))
                .until(() -> runc.list().stream().anyMatch(ContainerState::isAlive));
        String id = runc.list().get(0).id();

        agent.close(); // as a crash: the container keeps running
        // the task's checkpoint is lost: its task.info is what recovery looks for
        try (Stream<Path> files = Files.walk(workDir.resolve("meta"))) {
            for (Path info : files.filter(p -> p.getFileName().toString().equals("task.info")).toList()) {
                Files.delete(info);
            }
        }
        assertThat(runc.state(new io.strata.agent.isolation.ContainerId(id))).get()
                .extracting(ContainerState::isAlive).isEqualTo(true);

        restarted = Agent.start(agent.config());

        Awaitility.await("the leftover is gone").atMost(Duration.ofSeconds(30))
                .until(() -> runc.list().stream().noneMatch(s -> s.id().equals(id)));
        // and its root filesystem is unmounted
        assertThat(Files.readString(Path.of("/proc/self/mounts"))).doesNotContain(id);
        run.cancel(true);
    }

    @Test
    void restart_privateNetworkContainer_isReachableAgainThroughItsHostPort() {
        CompletableFuture<Cli.Run> run = CompletableFuture.supplyAsync(() -> Cli.strata("execute", "--master",
                cluster.master().url(), "--name", "web", "--task-id", "web", "--image", "nginx", "--network",
                "private", "--port", "80", "--timeout", "300"));
        int port = MasterState.awaitRunningHostPort(cluster.master().url(), "web", Duration.ofSeconds(120));
        MasterState.awaitHttp(port, "Welcome to nginx", Duration.ofSeconds(30));
        Agent agent = cluster.agents().get(0);

        agent.close(); // as a crash: the container keeps running, the agent's forwarder is gone
        restarted = Agent.start(agent.config());

        MasterState.awaitHttp(port, "Welcome to nginx", Duration.ofSeconds(60));
        assertThat(Cli.strata("task", "kill", "web", "--master", cluster.master().url()).code()).isZero();
        assertThat(run.join().out()).contains("TASK_KILLED");
    }
}
