package io.strata.kubernetes.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.kubernetes.Kubectl;
import io.strata.kubernetes.RuntimeCluster;
import io.strata.testing.images.TestImages;
import io.strata.testing.images.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private static RuntimeCluster cluster;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Kubectl.available(), "kubectl is not installed");
        assumeTrue(TestRegistry.isInstalled() && TestImages.busyboxInstalled() && TestImages.nginxInstalled()
                && Files.isExecutable(Path.of("/usr/sbin/runc")), "docker-registry, busybox, nginx or runc missing");
        cluster = RuntimeCluster.startWithImages(dir, "[31000-31100]", true);
        kubectl = cluster.kubectl();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String run(String... args) throws Exception {
        return cluster.run(args);
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
