package io.strata.kubernetes.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.kubernetes.Kubectl;
import io.strata.kubernetes.RuntimeClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real kubectl against the framework with a real master and a real agent in-process: pods are scheduled onto
 * the agent, run as task groups, report their status, and are killed on deletion.
 */
class PodsKubectlTest {
    @RegisterExtension
    static final RuntimeClusterExtension RUNTIME = RuntimeClusterExtension.hostPods("[31000-31100]", null,
            agent -> agent.withAttributes("rack:r1"));

    private static String hostPod(String name, String restartPolicy, String containers) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  annotations:
                    k8s.mesosphere.io/runtime: host
                spec:
                  restartPolicy: %s
                  terminationGracePeriodSeconds: 5
                  containers:
                %s""".formatted(name, restartPolicy, containers);
    }

    private static String container(String name, String script) {
        return """
                  - name: %s
                    image: busybox
                    command: ["/bin/sh", "-c"]
                    args: ["%s"]
                    resources:
                      requests: {cpu: 100m, memory: 32Mi}
                """.formatted(name, script);
    }

    private static String masterState() throws Exception {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(RUNTIME.cluster().masterUrl()
                    + "/master/state")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    @Test
    void createPod_commandContainer_runsAndIsKilledOnDelete() throws Exception {
        Path f = RUNTIME.kubectl().file("hello.yml", hostPod("hello", "Always",
                container("main", "echo hello-from-pod; exec sleep 600")));
        assertThat(RUNTIME.run("create", "-f", f.toString())).contains("pod/hello created");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "pods")).containsPattern("hello\\s+1/1\\s+Running\\s+0\\s+"));
        String describe = RUNTIME.run("describe", "pod", "hello");
        assertThat(describe).contains("Scheduled").contains("Successfully assigned default/hello to 127.0.0.1")
                .contains("Node:             127.0.0.1");
        assertThat(RUNTIME.run("get", "pod", "hello", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}"))
                .isEqualTo("True");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(RUNTIME.run("logs", "hello")).contains("hello-from-pod"));

        assertThat(RUNTIME.run("delete", "pod", "hello")).contains("pod \"hello\" deleted");
        Kubectl.Result gone = RUNTIME.kubectl().run("get", "pod", "hello");
        assertThat(gone.err()).contains("NotFound");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            com.fasterxml.jackson.databind.JsonNode state = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(masterState());
            for (com.fasterxml.jackson.databind.JsonNode fw : state.path("frameworks")) {
                if (!fw.path("tasks").isEmpty()) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void unschedulablePod_showsFailedSchedulingWithUpstreamReasons() throws Exception {
        Path f = RUNTIME.kubectl().file("big.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: big
                spec:
                  containers:
                  - name: main
                    image: busybox
                    resources:
                      requests: {memory: 100Gi}
                """);
        RUNTIME.run("create", "-f", f.toString());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("describe", "pod", "big")).contains("FailedScheduling")
                        .contains("0/1 nodes are available: 1 Insufficient memory."));
        assertThat(RUNTIME.run("get", "pods", "big")).containsPattern("big\\s+0/1\\s+Pending");
        RUNTIME.run("delete", "pod", "big");
    }

    @Test
    void nodes_oneReadyNodePerAgent_withAttributeLabels() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "nodes")).containsPattern("127\\.0\\.0\\.1\\s+Ready"));
        assertThat(RUNTIME.run("get", "nodes", "--show-labels")).contains("k8s.mesosphere.io/attribute-rack=r1")
                .contains("kubernetes.io/hostname=127.0.0.1");
        assertThat(RUNTIME.run("get", "node", "127.0.0.1", "-o", "jsonpath={.status.capacity.cpu}")).isEqualTo("4");
    }

    @Test
    void twoContainers_talkOverLocalhost() throws Exception {
        Path f = RUNTIME.kubectl().file("pair.yml", hostPod("pair", "OnFailure",
                container("server", "exec socat TCP-LISTEN:18111,bind=127.0.0.1,reuseaddr,fork SYSTEM:'echo hi'")
                        + container("client", "for i in $(seq 1 150); do socat -u TCP:127.0.0.1:18111 - | grep -q hi"
                        + " && exit 0; sleep 0.2; done; exit 1")));
        RUNTIME.run("create", "-f", f.toString());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "pod", "pair", "-o",
                        "jsonpath={.status.containerStatuses[?(@.name==\"client\")].state.terminated.reason}"))
                        .isEqualTo("Completed"));
        assertThat(RUNTIME.run("get", "pod", "pair", "-o",
                "jsonpath={.status.containerStatuses[?(@.name==\"server\")].state.running.startedAt}")).isNotEmpty();
        RUNTIME.run("delete", "pod", "pair");
    }
}
