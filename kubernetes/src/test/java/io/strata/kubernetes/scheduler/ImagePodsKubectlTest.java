package io.strata.kubernetes.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.agent.Agent;
import io.strata.agent.AgentConfig;
import io.strata.agent.ImageSettings;
import io.strata.kubernetes.Kubectl;
import io.strata.kubernetes.KubernetesConfig;
import io.strata.kubernetes.KubernetesFramework;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import io.strata.testing.images.ImageFormat;
import io.strata.testing.images.TestImages;
import io.strata.testing.images.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed demo with images: a real registry holding busybox and nginx (built from the host's binaries), a real agent
 * pulling them, the real kubectl: the nginx pod reaches {@code 1/1 Running} and answers HTTP on localhost port 80
 * inside its pod (a busybox sidecar fetches the page).
 */
class ImagePodsKubectlTest {
    @TempDir
    static Path dir;
    private static TestRegistry registry;
    private static TestingServer zk;
    private static Master master;
    private static Agent agent;
    private static KubernetesFramework framework;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Kubectl.available(), "kubectl is not installed");
        assumeTrue(TestRegistry.isInstalled() && TestImages.busyboxInstalled() && TestImages.nginxInstalled()
                && Files.isExecutable(Path.of("/usr/sbin/runc")), "docker-registry, busybox, nginx or runc missing");
        registry = TestRegistry.start();
        registry.push(TestImages.busybox(), "busybox", "latest", ImageFormat.OCI);
        registry.push(TestImages.nginx(), "nginx", "latest", ImageFormat.OCI);
        zk = new TestingServer(true);
        master = Master.start(MasterConfig.defaults("127.0.0.1", 0, zk.getConnectString() + "/strata")
                .withAllocationInterval(Duration.ofMillis(100)).withHeartbeatInterval(Duration.ofMillis(250)));
        assertThat(master.awaitLeadership(Duration.ofSeconds(30))).isTrue();
        Path work = dir.resolve("agent").toAbsolutePath();
        agent = Agent.start(AgentConfig.defaults("127.0.0.1", 0, master.url(), work)
                .withResources("cpus:4;mem:4096;disk:1000;ports:[31000-31100]")
                .withCgroupName("k8s-img-" + Integer.toHexString(work.toString().hashCode()))
                .withImages(new ImageSettings(registry.address(), Set.of(), "runc")));
        await().atMost(Duration.ofSeconds(30)).until(agent::connected);
        framework = KubernetesFramework.start(new KubernetesConfig(zk.getConnectString() + "/strata",
                master.url(), "127.0.0.1", 0, null, KubernetesConfig.DEFAULT_WATCH_WINDOW));
        kubectl = new Kubectl(framework.url(), Files.createDirectories(dir.resolve("kubectl")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (framework != null) {
            framework.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (master != null) {
            master.close();
        }
        if (zk != null) {
            zk.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static String run(String... args) throws Exception {
        Kubectl.Result r = kubectl.run(args);
        assertThat(r.exit()).as("kubectl %s: %s", String.join(" ", args), r.err()).isZero();
        return r.out();
    }

    @Test
    void nginxPod_runsFromItsImage_andAnswersHttpInsideThePod() throws Exception {
        Path f = kubectl.file("nginx.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: nginx
                spec:
                  containers:
                  - name: nginx
                    image: nginx
                    ports:
                    - containerPort: 80
                  - name: probe
                    image: busybox
                    command: ["sh", "-c", "while true; do wget -q -O - http://127.0.0.1:80/ && sleep 600; sleep 0.5; done"]
                """);
        assertThat(run("create", "-f", f.toString())).contains("pod/nginx created");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(run("get", "pods")).containsPattern("nginx\\s+2/2\\s+Running\\s+0\\s+"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(run("logs", "nginx", "-c", "probe")).contains("Welcome to nginx!"));
        run("delete", "pod", "nginx");
    }
}
