package io.strata.kubernetes.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.kubernetes.RuntimeClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed demo with images: a real registry holding busybox and nginx (built from the host's binaries), a real agent
 * pulling them, the real kubectl: the nginx pod reaches {@code 1/1 Running} and answers HTTP on localhost port 80
 * inside its pod (a busybox sidecar fetches the page).
 */
class ImagePodsKubectlTest {
    @RegisterExtension
    static final RuntimeClusterExtension RUNTIME = RuntimeClusterExtension.imagePods("[31000-31100]", true);

    @Test
    void nginxPod_runsFromItsImage_andAnswersHttpInsideThePod() throws Exception {
        Path f = RUNTIME.kubectl().file("nginx.yml", """
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
        assertThat(RUNTIME.run("create", "-f", f.toString())).contains("pod/nginx created");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "pods")).containsPattern("nginx\\s+2/2\\s+Running\\s+0\\s+"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(RUNTIME.run("logs", "nginx", "-c", "probe")).contains("Welcome to nginx!"));
        RUNTIME.run("delete", "pod", "nginx");
    }
}
