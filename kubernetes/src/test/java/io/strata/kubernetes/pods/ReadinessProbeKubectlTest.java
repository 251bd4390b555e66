package io.strata.kubernetes.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.kubernetes.RuntimeClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Readiness independent of liveness, with exec probes inside an image container (a real registry, agent, runc and
 * kubectl): a busybox pod whose liveness probe passes and whose readiness probe {@code cat /tmp/ready} fails until
 * the file exists in the container stays {@code 0/1 Running} with no restarts, becomes {@code 1/1} after
 * {@code kubectl exec ... touch /tmp/ready} and drops back to {@code 0/1} after removing it, never restarting.
 */
class ReadinessProbeKubectlTest {
    @RegisterExtension
    static final RuntimeClusterExtension RUNTIME = RuntimeClusterExtension.imagePods("[31000-31100]", false);

    @Test
    void readinessProbe_failingThenPassingInsideTheContainer_togglesReadyWithoutRestarts() throws Exception {
        // the probe must see the container's /tmp, not the agent's
        assumeTrue(!Files.exists(Path.of("/tmp/ready")), "/tmp/ready exists on this host");
        Path f = RUNTIME.kubectl().file("ready.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: ready
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: busybox
                    command: ["sh", "-c", "exec sleep 3600"]
                    livenessProbe:
                      exec:
                        command: ["true"]
                      periodSeconds: 1
                      timeoutSeconds: 10
                      failureThreshold: 1
                    readinessProbe:
                      exec:
                        command: ["cat", "/tmp/ready"]
                      periodSeconds: 1
                      timeoutSeconds: 10
                """);
        assertThat(RUNTIME.run("create", "-f", f.toString())).contains("pod/ready created");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "pod", "ready", "-o",
                        "jsonpath={.status.containerStatuses[0].started}")).isEqualTo("true"));
        // several liveness and readiness periods: live (no restart) but not ready
        Thread.sleep(5000);
        assertThat(RUNTIME.run("get", "pod", "ready")).containsPattern("ready\\s+0/1\\s+Running\\s+0\\s+");
        assertThat(RUNTIME.run("get", "pod", "ready", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")).isEqualTo("False");

        RUNTIME.run("exec", "ready", "--", "touch", "/tmp/ready");
        assertThat(RUNTIME.run("wait", "--for=condition=Ready", "pod/ready", "--timeout=60s"))
                .contains("pod/ready condition met");
        assertThat(RUNTIME.run("get", "pod", "ready")).containsPattern("ready\\s+1/1\\s+Running\\s+0\\s+");

        RUNTIME.run("exec", "ready", "--", "rm", "/tmp/ready");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "pod", "ready")).containsPattern("ready\\s+0/1\\s+Running\\s+0\\s+"));
        assertThat(RUNTIME.run("get", "pod", "ready", "-o",
                "jsonpath={.status.conditions[?(@.type==\"ContainersReady\")].status}")).isEqualTo("False");
        RUNTIME.run("delete", "pod", "ready", "--wait=true");
    }
}
