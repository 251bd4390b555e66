package io.strata.kubernetes.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.kubernetes.RuntimeClusterExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Deployment of two host-runtime pods (python's http.server in their private network namespaces), exposed with the
 * real kubectl: the service proxy forwards ClusterIP:port and the node's nodePort round-robin to both pods through
 * the agent's host-port relays, and stops sending to a pod once it leaves the Endpoints.
 */
class ServiceProxyKubectlTest {
    @RegisterExtension
    static final RuntimeClusterExtension RUNTIME = RuntimeClusterExtension.hostPods("[31200-31300]", "127.101.0.0/16");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @BeforeAll
    static void start() throws Exception {
        RUNTIME.cluster().framework().startServiceProxy("127.0.0.1");
    }

    /** The body of GET http://address/name.txt, or the failure's name. */
    private static String get(String address) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + "/name.txt"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().strip() : "HTTP " + r.statusCode();
        } catch (java.io.IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Set<String> answers(String address, int requests) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            out.add(get(address));
        }
        return out;
    }

    @Test
    void expose_deploymentOfTwo_clusterIpAndNodePortReachBothPodsAndFollowEndpoints() throws Exception {
        Path f = RUNTIME.kubectl().file("web.yml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                      annotations:
                        k8s.mesosphere.io/runtime: host
                    spec:
                      terminationGracePeriodSeconds: 2
                      containers:
                      - name: http
                        image: python
                        command: ["/bin/sh", "-c"]
                        args: ["mkdir -p www && echo $POD_NAME > www/name.txt && exec /usr/bin/python3 -m http.server 8000 --directory www"]
                        env:
                        - name: POD_NAME
                          valueFrom:
                            fieldRef: {fieldPath: metadata.name}
                        ports:
                        - containerPort: 8000
                        resources:
                          requests: {cpu: 100m, memory: 64Mi}
                """);
        assertThat(RUNTIME.run("create", "-f", f.toString())).contains("deployment.apps/web created");
        assertThat(RUNTIME.run("expose", "deployment", "web", "--port", "80", "--target-port", "8000"))
                .contains("service/web exposed");
        String clusterIp = RUNTIME.run("get", "service", "web", "-o", "jsonpath={.spec.clusterIP}");
        assertThat(clusterIp).startsWith("127.101.");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "endpoints", "web", "-o", "jsonpath={.subsets[*].addresses[*].ip}")
                        .split(" ")).hasSize(2));
        String pods = RUNTIME.run("get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].metadata.name}");
        Set<String> names = Set.of(pods.split(" "));
        assertThat(names).hasSize(2);
        // round robin over both pods, through the ClusterIP
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(answers(clusterIp + ":80", 4)).isEqualTo(names));

        assertThat(RUNTIME.run("expose", "deployment", "web", "--name", "web-np", "--type", "NodePort", "--port", "80",
                "--target-port", "8000")).contains("service/web-np exposed");
        String nodePort = RUNTIME.run("get", "service", "web-np", "-o", "jsonpath={.spec.ports[0].nodePort}");
        assertThat(Integer.parseInt(nodePort)).isBetween(30000, 32767);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(answers("127.0.0.1:" + nodePort, 4)).isEqualTo(names));

        // one pod leaves the endpoints: the proxy stops forwarding to it
        RUNTIME.run("scale", "deployment", "web", "--replicas", "1");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "endpoints", "web", "-o", "jsonpath={.subsets[*].addresses[*].ip}")
                        .split(" ")).hasSize(1));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Set<String> left = answers(clusterIp + ":80", 4);
            assertThat(left).hasSize(1);
            assertThat(names).containsAll(left);
        });

        // deleting the Service closes its ClusterIP listener
        RUNTIME.run("delete", "service", "web");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(get(clusterIp + ":80")).isEqualTo("ConnectException"));

        // the agent keeps running groups when it stops: end them, so their network namespaces go
        RUNTIME.run("delete", "deployment", "web");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "pods", "-o", "name")).isBlank());
    }
}
