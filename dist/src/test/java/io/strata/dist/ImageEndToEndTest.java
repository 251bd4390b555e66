package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.agent.ImageSettings;
import io.strata.agent.oci.RuncRuntime;
import io.strata.testing.images.ImageFormat;
import io.strata.testing.images.TestImages;
import io.strata.testing.images.TestRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image tasks end to end: images built without Docker are pushed to a real registry on 127.0.0.1, agents pull
 * them and run them with runc; nginx on private networks answers through forwarded host ports.
 */
class ImageEndToEndTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path dir;
    static TestRegistry registry;
    static LocalCluster cluster;

    @BeforeAll
    static void up() {
        assumeTrue(TestRegistry.isInstalled(), "docker-registry is not installed (bin/test installs it)");
        assumeTrue(RuncRuntime.locate().isPresent(), "runc is not installed (bin/test installs it)");
        assumeTrue(TestImages.busyboxInstalled() && TestImages.nginxInstalled(),
                "busybox-static and nginx-light are needed to build the test images (bin/test installs them)");
        registry = TestRegistry.start();
        registry.push(TestImages.busybox(), "busybox", "latest", ImageFormat.OCI);
        registry.push(TestImages.nginx(), "nginx", "latest", ImageFormat.DOCKER_V2);
        cluster = LocalCluster.start(LocalCluster.Settings.forTests(dir, 1)
                .withAgentResources("cpus:2;mem:1024;disk:1024;ports:[31000-31100]")
                .withImages(new ImageSettings(registry.address(), Set.of(), "runc")), line -> { });
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static String master() {
        return cluster.master().url();
    }

    @Test
    void execute_busyboxImage_runsCommandInTheImage() {
        Cli.Run run = Cli.strata("execute", "--master", master(), "--name", "bb", "--image", "busybox",
                "--command", "echo hello-from-image; readlink /bin/ls", "--follow", "--timeout", "120");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("TASK_FINISHED").contains("hello-from-image").contains("busybox");
    }

    @Test
    void execute_imageTaskOverItsMemoryLimit_failsWithMemoryLimitation() {
        // tail keeps everything after the last newline: a newline-free stream grows until the OOM killer acts
        Cli.Run run = Cli.strata("execute", "--master", master(), "--name", "hog", "--image", "busybox",
                "--resources", "cpus:0.1;mem:32", "--command", "head -c 300000000 /dev/zero | tail",
                "--timeout", "120");
        assertThat(run.code()).as(run.toString()).isNotZero();
        assertThat(run.out() + run.err()).contains("TASK_FAILED").contains("REASON_CONTAINER_LIMITATION_MEMORY");
    }

    @Test
    void execute_unknownTag_failsWithLaunchFailedNamingTheImage() {
        Cli.Run run = Cli.strata("execute", "--master", master(), "--name", "nope", "--image", "busybox:nope",
                "--command", "true", "--timeout", "120");
        assertThat(run.code()).as(run.toString()).isNotZero();
        assertThat(run.out() + run.err()).contains("TASK_FAILED").contains("REASON_CONTAINER_LAUNCH_FAILED")
                .contains("busybox:nope").contains("manifest unknown");
    }

    @Test
    void execute_twoNginxOnPrivateNetworks_bothServePort80ThroughTheirHostPorts() throws Exception {
        CompletableFuture<Cli.Run> first = CompletableFuture.supplyAsync(() -> Cli.strata("execute", "--master",
                master(), "--name", "web1", "--task-id", "web1", "--image", "nginx", "--network", "private",
                "--port", "80", "--timeout", "300"));
        CompletableFuture<Cli.Run> second = CompletableFuture.supplyAsync(() -> Cli.strata("execute", "--master",
                master(), "--name", "web2", "--task-id", "web2", "--image", "nginx", "--network", "private",
                "--port", "80", "--timeout", "300"));
        int port1 = awaitRunningHostPort("web1");
        int port2 = awaitRunningHostPort("web2");
        assertThat(port1).isNotEqualTo(port2);
        for (int port : new int[] {port1, port2}) {
            MasterState.awaitHttp(port, "Welcome to nginx", Duration.ofSeconds(30));
        }
        assertThat(Cli.strata("task", "kill", "web1", "--master", master()).code()).isZero();
        assertThat(Cli.strata("task", "kill", "web2", "--master", master()).code()).isZero();
        Cli.Run r1 = first.get();
        Cli.Run r2 = second.get();
        assertThat(r1.out() + r1.err()).as(r1.toString()).contains("TASK_KILLED");
        assertThat(r2.out() + r2.err()).as(r2.toString()).contains("TASK_KILLED");
        // the forwarder is gone with the task
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port1 + "/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return false;
            } catch (java.io.IOException e) {
                return true;
            }
        });
    }

    private static int awaitRunningHostPort(String taskId) {
        return MasterState.awaitRunningHostPort(master(), taskId, Duration.ofSeconds(120));
    }
}
