package io.strata.kubernetes.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.kubernetes.Kubectl;
import io.strata.kubernetes.RuntimeClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pod features of the runtime seen with the real kubectl: probes through the agent's health checks (a readiness
 * probe holds the pod at {@code 1/2} until it passes, a failing liveness probe restarts the container, a readiness
 * successThreshold needs that many successes in a row), and init containers running to completion in order before
 * the app container ({@code Init:0/2} meanwhile).
 */
class PodFeaturesKubectlTest {
    @RegisterExtension
    static final RuntimeClusterExtension RUNTIME = RuntimeClusterExtension.hostPods("[31400-31500]", "127.102.0.0/16");

    @Test
    void probes_readinessGatesReadyAndFailingLivenessRestarts() throws Exception {
        Path www = Files.createDirectories(RUNTIME.dir().resolve("www"));
        Path alive = Files.writeString(RUNTIME.dir().resolve("alive"), "yes");
        Path f = RUNTIME.kubectl().file("probed.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: probed
                  annotations:
                    k8s.mesosphere.io/runtime: host
                spec:
                  terminationGracePeriodSeconds: 2
                  containers:
                  - name: web
                    image: python
                    command: ["/usr/bin/python3", "-m", "http.server", "8000", "--directory", "%s"]
                    readinessProbe:
                      httpGet: {path: /ready.txt, port: 8000}
                      periodSeconds: 1
                  - name: worker
                    image: busybox
                    command: ["/bin/sh", "-c", "exec sleep 600"]
                    livenessProbe:
                      exec:
                        command: ["test", "-f", "%s"]
                      periodSeconds: 1
                      failureThreshold: 2
                """.formatted(www, alive));
        assertThat(RUNTIME.run("create", "-f", f.toString())).contains("pod/probed created");

        // both run; only the worker (liveness only) is ready while /ready.txt is missing
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "pod", "probed")).containsPattern("probed\\s+1/2\\s+Running\\s+0\\s+"));
        assertThat(RUNTIME.run("get", "pod", "probed", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")).isEqualTo("False");

        Files.writeString(www.resolve("ready.txt"), "ok");
        assertThat(RUNTIME.run("wait", "--for=condition=Ready", "pod/probed", "--timeout=60s"))
                .contains("pod/probed condition met");
        assertThat(RUNTIME.run("get", "pod", "probed")).containsPattern("probed\\s+2/2\\s+Running\\s+0\\s+");

        // the liveness probe fails twice in a row: the container is killed and restarted
        Files.delete(alive);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Integer.parseInt(RUNTIME.run("get", "pod", "probed", "-o",
                        "jsonpath={.status.containerStatuses[?(@.name==\"worker\")].restartCount}")))
                        .isGreaterThanOrEqualTo(1));
        Files.writeString(alive, "yes");
        String events = RUNTIME.run("get", "events", "--field-selector", "involvedObject.name=probed");
        assertThat(events).contains("Unhealthy").contains("Readiness probe failed").contains("Liveness probe failed");
        assertThat(RUNTIME.run("get", "pod", "probed", "-o",
                "jsonpath={.status.containerStatuses[?(@.name==\"worker\")].lastState.terminated.exitCode}"))
                .isNotEmpty();

        RUNTIME.run("delete", "pod", "probed", "--wait=true");
    }

    @Test
    void initContainers_runInOrderBeforeTheAppContainer() throws Exception {
        Path go = RUNTIME.dir().resolve("go");
        Path order = RUNTIME.dir().resolve("order");
        Path f = RUNTIME.kubectl().file("init.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: staged
                  annotations:
                    k8s.mesosphere.io/runtime: host
                spec:
                  terminationGracePeriodSeconds: 2
                  initContainers:
                  - name: one
                    image: busybox
                    command: ["/bin/sh", "-c", "while [ ! -f %1$s ]; do sleep 0.2; done; echo one >> %2$s"]
                  - name: two
                    image: busybox
                    command: ["/bin/sh", "-c", "echo two >> %2$s"]
                  containers:
                  - name: app
                    image: busybox
                    command: ["/bin/sh", "-c", "echo app >> %2$s; exec sleep 600"]
                """.formatted(go, order));
        assertThat(RUNTIME.run("create", "-f", f.toString())).contains("pod/staged created");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "pod", "staged")).containsPattern("staged\\s+0/1\\s+Init:0/2\\s+0\\s+"));

        Files.writeString(go, "go");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "pod", "staged")).containsPattern("staged\\s+1/1\\s+Running\\s+0\\s+"));
        // Running means the app's process started; its shell writes its line a moment later
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Files.readString(order)).isEqualTo("one\ntwo\napp\n"));
        assertThat(RUNTIME.run("get", "pod", "staged", "-o",
                "jsonpath={.status.initContainerStatuses[*].state.terminated.reason}")).isEqualTo("Completed Completed");

        RUNTIME.run("delete", "pod", "staged", "--wait=true");
    }

    @Test
    void readinessSuccessThreshold_needsThatManySuccessesInARow() throws Exception {
        // every probe run counts itself; "flaky" fails every third run, so it never has 3 successes in a row
        Path flaky = RUNTIME.dir().resolve("flaky-count");
        Path steady = RUNTIME.dir().resolve("steady-count");
        // written through a rename, so the test never reads a half-written counter
        String counting = "n=$(( $(cat %1$s 2>/dev/null || echo 0) + 1 )); echo $n > %1$s.new && mv %1$s.new %1$s";
        Path f = RUNTIME.kubectl().file("threshold.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: threshold
                  annotations:
                    k8s.mesosphere.io/runtime: host
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: flaky
                    image: busybox
                    command: ["/bin/sh", "-c", "exec sleep 600"]
                    readinessProbe:
                      exec:
                        command: ["/bin/sh", "-c", "%s; [ $((n %% 3)) -ne 0 ]"]
                      periodSeconds: 1
                      successThreshold: 3
                  - name: steady
                    image: busybox
                    command: ["/bin/sh", "-c", "exec sleep 600"]
                    readinessProbe:
                      exec:
                        command: ["/bin/sh", "-c", "%s"]
                      periodSeconds: 1
                      successThreshold: 3
                """.formatted(counting.formatted(flaky), counting.formatted(steady)));
        assertThat(RUNTIME.run("create", "-f", f.toString())).contains("pod/threshold created");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "pod", "threshold", "-o",
                        "jsonpath={.status.containerStatuses[?(@.name==\"steady\")].ready}")).isEqualTo("true"));
        assertThat(Integer.parseInt(Files.readString(steady).strip())).isGreaterThanOrEqualTo(3);
        // flaky passed two checks in a row several times by now, never three
        await().atMost(Duration.ofSeconds(60)).until(() -> Integer.parseInt(Files.readString(flaky).strip()) >= 9);
        assertThat(RUNTIME.run("get", "pod", "threshold", "-o",
                "jsonpath={.status.containerStatuses[?(@.name==\"flaky\")].ready}")).isEqualTo("false");
        assertThat(RUNTIME.run("get", "pod", "threshold")).containsPattern("threshold\\s+1/2\\s+Running\\s+0\\s+");

        RUNTIME.run("delete", "pod", "threshold", "--wait=true");
    }

    @Test
    void liveSuccessThresholdAboveOne_isRefused() throws Exception {
        Path f = RUNTIME.kubectl().file("live2.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: live2
                spec:
                  containers:
                  - name: main
                    image: busybox
                    livenessProbe:
                      tcpSocket: {port: 80}
                      successThreshold: 2
                """);
        Kubectl.Result r = RUNTIME.kubectl().run("create", "-f", f.toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("The Pod \"live2\" is invalid: spec.containers[0].livenessProbe.successThreshold: "
                + "Invalid value: 2: must be 1");
    }
}
