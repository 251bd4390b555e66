package io.strata.kubernetes.portforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.strata.kubernetes.Kubectl;
import io.strata.kubernetes.RuntimeClusterExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real kubectl port-forward against a real master, agent and Kubernetes framework: a pod serves HTTP on a port
 * it does not declare, inside its private network namespace, and plain HTTP GETs to kubectl's local port reach it
 * (the API server's SPDY-over-WebSocket endpoint, then the agent's container port-forward WebSocket).
 */
class PortForwardKubectlTest {
    @RegisterExtension
    static final RuntimeClusterExtension RUNTIME = RuntimeClusterExtension.hostPods("[31400-31450]", "127.103.0.0/16");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void portForward_undeclaredPortInPodNamespace_httpGetsThroughLocalPortReachThePod() throws Exception {
        Path f = RUNTIME.kubectl().file("web.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  annotations:
                    k8s.mesosphere.io/runtime: host
                spec:
                  terminationGracePeriodSeconds: 2
                  containers:
                  - name: http
                    image: python
                    command: ["/bin/sh", "-c"]
                    args: ["mkdir -p www && echo hello-from-$POD_NAME > www/name.txt && exec /usr/bin/python3 -m http.server 8000 --bind 127.0.0.1 --directory www"]
                    env:
                    - name: POD_NAME
                      valueFrom:
                        fieldRef: {fieldPath: metadata.name}
                    readinessProbe:
                      httpGet: {path: /name.txt, port: 8000}
                      periodSeconds: 1
                    resources:
                      requests: {cpu: 100m, memory: 64Mi}
                """);
        assertThat(RUNTIME.run("create", "-f", f.toString())).contains("pod/web created");
        // Ready once the server answers: kubectl port-forward exits at the first connection the pod refuses
        assertThat(RUNTIME.run("wait", "--for=condition=Ready", "pod/web", "--timeout=90s"))
                .contains("pod/web condition met");

        Kubectl.Running forward = RUNTIME.kubectl().start("port-forward", "pod/web", ":8000");
        try {
            int local = localPort(forward::outSoFar, 8000);
            for (int i = 0; i < 6; i++) {
                assertThat(get(local)).isEqualTo("hello-from-web");
            }
            assertThat(forward.outSoFar()).contains("Handling connection for " + local);
        } finally {
            forward.kill();
        }

        // kubectl's SPDY transport (its fallback when the WebSocket is refused; the only one before 1.30)
        Path spdyOut = RUNTIME.dir().resolve("spdy-port-forward.txt");
        Process spdy = spdyKubectl(spdyOut, "port-forward", "-v=8", "pod/web", ":8000");
        try {
            int local = localPort(() -> java.nio.file.Files.readString(spdyOut), 8000);
            for (int i = 0; i < 3; i++) {
                assertThat(get(local)).isEqualTo("hello-from-web");
            }
            // -v=8 logs the request: the upgrade went over plain SPDY, not a WebSocket
            assertThat(java.nio.file.Files.readString(spdyOut)).contains("POST " + RUNTIME.cluster().framework().url()
                    + "/api/v1/namespaces/default/pods/web/portforward").contains("Upgrade: SPDY/3.1");
        } finally {
            spdy.destroyForcibly();
        }

        // nothing listens on port 9: the connection ends and kubectl reports the error text of the error stream
        Kubectl.Running refused = RUNTIME.kubectl().start("port-forward", "pod/web", ":9");
        try {
            int local = localPort(refused::outSoFar, 9);
            assertThatThrownBy(() -> get(local)).isInstanceOf(java.io.IOException.class);
            Kubectl.Result r = refused.await(60);
            assertThat(r.err()).contains("an error occurred forwarding " + local + " -> 9: "
                    + "error forwarding port 9 to pod default/web:");
        } finally {
            refused.kill();
        }
        RUNTIME.run("delete", "pod", "web", "--wait=false");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "pods", "-o", "name")).isBlank());
    }

    @Test
    void portForward_halfCloseAndReset_podReadsEofAnswersAndAResetEndsOnlyItsConnection() throws Exception {
        Path f = RUNTIME.kubectl().file("count.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: count
                  annotations:
                    k8s.mesosphere.io/runtime: host
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: count
                    image: busybox
                    command: ["/bin/sh", "-c", "exec socat TCP-LISTEN:9000,bind=127.0.0.1,reuseaddr,fork EXEC:'wc -c'"]
                    readinessProbe:
                      tcpSocket: {port: 9000}
                      periodSeconds: 1
                  - name: reset
                    image: python
                    command: ["/usr/bin/python3", "-c"]
                    args: ["import socket, struct\\ns = socket.socket()\\ns.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\\ns.bind(('127.0.0.1', 9001))\\ns.listen(8)\\nwhile True:\\n    c, _ = s.accept()\\n    c.recv(64)\\n    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))\\n    c.close()\\n"]
                    readinessProbe:
                      tcpSocket: {port: 9001}
                      periodSeconds: 1
                """);
        assertThat(RUNTIME.run("create", "-f", f.toString())).contains("pod/count created");
        // Ready once both listen: kubectl port-forward exits at the first connection the pod refuses
        assertThat(RUNTIME.run("wait", "--for=condition=Ready", "pod/count", "--timeout=90s"))
                .contains("pod/count condition met");

        Kubectl.Running forward = RUNTIME.kubectl().start("port-forward", "pod/count", ":9000", ":9001");
        try {
            int count = localPort(forward::outSoFar, 9000);
            int reset = localPort(forward::outSoFar, 9001);
            // wc answers only after reading EOF: the local half-close reaches the pod, the answer still comes back
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(halfClosed(count, "eleven char")).isEqualTo("11"));

            // the pod resets a connection: that connection ends, kubectl keeps forwarding
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", reset)) {
                s.setSoTimeout(30_000);
                s.getOutputStream().write("hi\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(readToEnd(s)).isEmpty();
            }
            assertThat(halfClosed(count, "again")).isEqualTo("5");
            assertThat(forward.outSoFar()).contains("Handling connection for " + reset);
        } finally {
            forward.kill();
        }
        RUNTIME.run("delete", "pod", "count", "--wait=false");
    }

    /** Sends {@code text}, half-closes, and returns the stripped answer read until the server closes. */
    private static String halfClosed(int port, String text) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            s.shutdownOutput();
            return readToEnd(s).strip();
        }
    }

    /** Everything until the end of the stream; a reset counts as the end. */
    private static String readToEnd(java.net.Socket s) throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        try {
            s.getInputStream().transferTo(all);
        } catch (java.net.SocketException reset) {
            // the connection ended by a reset
        }
        return all.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * kubectl with its WebSocket port-forward turned off ({@code KUBECTL_PORT_FORWARD_WEBSOCKETS=false}), started with
     * its own kubeconfig (the shared {@link Kubectl} runner sets no extra environment); output goes to a file.
     */
    private static Process spdyKubectl(Path out, String... args) throws Exception {
        Path home = java.nio.file.Files.createDirectories(RUNTIME.dir().resolve("kubectl-spdy"));
        Path kubeconfig = home.resolve("kubeconfig");
        java.nio.file.Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster: {server: %s}
                  name: strata
                contexts:
                - context: {cluster: strata, namespace: default}
                  name: strata
                current-context: strata
                users: []
                """.formatted(RUNTIME.cluster().framework().url()));
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(Kubectl.BINARY.toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("KUBECTL_PORT_FORWARD_WEBSOCKETS", "false");
        return pb.start();
    }

    /** The local port kubectl listens on, from its {@code Forwarding from 127.0.0.1:L -> R} line. */
    private static int localPort(java.util.concurrent.Callable<String> output, int remote) {
        Pattern forwarding = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> " + remote);
        int[] local = new int[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            String text = output.call();
            Matcher m = forwarding.matcher(text);
            assertThat(m.find()).as("kubectl output: %s", text).isTrue();
            local[0] = Integer.parseInt(m.group(1));
        });
        return local[0];
    }

    private static String get(int port) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/name.txt")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body().strip() : "HTTP " + r.statusCode();
    }
}
