package io.strata.kubernetes.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.kubernetes.Kubectl;
import io.strata.kubernetes.RuntimeClusterExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kubectl exec} with the real kubectl 1.32 against a real master, agent and the Kubernetes framework: the
 * command's output, its exit code, stdin with {@code -i}, {@code -c} picking a container, and the errors kubectl prints
 * for a missing pod or container; the same over SPDY ({@code KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false}); the terminal
 * size of {@code -it} on both transports; and the older WebSocket subprotocols with the JDK's WebSocket client.
 */
class PodExecKubectlTest {
    @RegisterExtension
    static final RuntimeClusterExtension RUNTIME =
            RuntimeClusterExtension.hostPods("[31700-31750]", "127.109.0.0/16");

    @BeforeAll
    static void start() throws Exception {
        Path manifest = RUNTIME.kubectl().file("shell.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: shell
                  annotations:
                    k8s.mesosphere.io/runtime: host
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: busybox
                    command: ["/bin/sh", "-c", "exec sleep 600"]
                  - name: side
                    image: busybox
                    command: ["/bin/sh", "-c", "exec sleep 600"]
                """);
        assertThat(RUNTIME.run("create", "-f", manifest.toString())).contains("pod/shell created");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "pod", "shell")).containsPattern("shell\\s+2/2\\s+Running"));
    }

    @AfterAll
    static void stop() throws Exception {
        // the agent detaches from running tasks on close: end the pod first so its namespace goes too
        RUNTIME.kubectl().run("delete", "pod", "shell", "--wait=true");
    }

    @Test
    void exec_echo_printsItsOutput() throws Exception {
        Kubectl.Result r = RUNTIME.kubectl().run("exec", "shell", "--", "echo", "hi");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hi\n");
    }

    @Test
    void exec_nonZeroExit_becomesKubectlsExitCode() throws Exception {
        Kubectl.Result r = RUNTIME.kubectl().run("exec", "shell", "--", "sh", "-c", "echo to-stderr >&2; exit 3");

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("to-stderr").contains("command terminated with exit code 3");
    }

    @Test
    void exec_interactiveStdin_reachesTheCommand() throws Exception {
        Path input = Files.writeString(RUNTIME.dir().resolve("stdin.txt"), "hello\nfrom kubectl\n");

        Kubectl.Result r = RUNTIME.kubectl().run(Map.of(), input, "exec", "-i", "shell", "--", "cat");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hello\nfrom kubectl\n");
    }

    @Test
    void exec_containerFlag_entersThatContainersTask() throws Exception {
        Kubectl.Result r = RUNTIME.kubectl().run("exec", "shell", "-c", "side", "--", "sh", "-c",
                "echo $MESOS_TASK_ID");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).startsWith("k8s__default__shell__").endsWith("__side");
    }

    @Test
    void exec_unknownContainer_isRefusedWithUpstreamsMessage() throws Exception {
        Kubectl.Result r = RUNTIME.kubectl().run("exec", "shell", "-c", "nope", "--", "true");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("container nope is not valid for pod shell");
    }

    @Test
    void exec_unknownPod_isNotFound() throws Exception {
        Kubectl.Result r = RUNTIME.kubectl().run("exec", "missing", "--", "true");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("pods \"missing\" not found");
    }

    @Test
    void exec_overSpdy_outputExitCodeAndStdin() throws Exception {
        Map<String, String> spdy = Map.of("KUBECTL_REMOTE_COMMAND_WEBSOCKETS", "false");
        Kubectl.Result echo = RUNTIME.kubectl().run(spdy, null, "exec", "-v=8", "shell", "--", "echo", "hi");
        assertThat(echo.exit()).as(echo.err()).isZero();
        assertThat(echo.out()).isEqualTo("hi\n");
        // -v=8 logs the request: the exec went over plain SPDY, not a WebSocket
        assertThat(echo.err()).contains("POST ").contains("Upgrade: SPDY/3.1");

        Kubectl.Result failing = RUNTIME.kubectl().run(spdy, null, "exec", "shell", "--", "sh", "-c",
                "echo to-stderr >&2; exit 3");
        assertThat(failing.exit()).isEqualTo(3);
        assertThat(failing.err()).contains("to-stderr").contains("command terminated with exit code 3");

        Path input = Files.writeString(RUNTIME.dir().resolve("spdy-stdin.txt"), "over\nspdy\n");
        Kubectl.Result cat = RUNTIME.kubectl().run(spdy, input, "exec", "-i", "shell", "--", "cat");
        assertThat(cat.exit()).as(cat.err()).isZero();
        assertThat(cat.out()).isEqualTo("over\nspdy\n");

        Kubectl.Result refused = RUNTIME.kubectl().run(spdy, null, "exec", "shell", "-c", "nope", "--", "true");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("container nope is not valid for pod shell");
    }

    @Test
    void execTty_bothTransports_commandSeesKubectlsTerminalSize() throws Exception {
        for (Map<String, String> env : List.of(Map.<String, String>of(),
                Map.of("KUBECTL_REMOTE_COMMAND_WEBSOCKETS", "false"))) {
            Kubectl.Result r = RUNTIME.kubectl().inTerminal(env, 77, 33, "exec", "-it", "shell", "--", "stty", "size");

            assertThat(r.exit()).as("%s %s %s", env, r.out(), r.err()).isZero();
            assertThat(r.out()).as("%s", env).contains("33 77");
        }
    }

    @Test
    void exec_olderWebSocketProtocols_framedAsUpstream() throws Exception {
        String base = RUNTIME.cluster().framework().url().replaceFirst("^http", "ws")
                + "/api/v1/namespaces/default/pods/shell/exec?command=sh&command=-c&command=";

        // base64.channel.k8s.io: text messages, a channel digit then base64; the failure's message as text
        LegacyClient b64 = LegacyClient.open(URI.create(base + "read%20x%3B%20echo%20got-%24x%3B%20exit%204"
                + "&stdin=true&stdout=true&stderr=true"), "base64.channel.k8s.io");
        b64.socket.sendText("0" + Base64.getEncoder().encodeToString("line\n".getBytes(StandardCharsets.UTF_8)),
                true).join();
        b64.closed.get(60, TimeUnit.SECONDS);
        assertThat(b64.socket.getSubprotocol()).isEqualTo("base64.channel.k8s.io");
        assertThat(b64.decoded(1)).isEqualTo("got-line\n");
        assertThat(b64.decoded(3)).contains("command terminated with non-zero exit code").doesNotContain("{");

        // channel.k8s.io: binary; nothing on the error channel for success
        LegacyClient v1 = LegacyClient.open(URI.create(base + "echo%20plain&stdout=true&stderr=true"),
                "channel.k8s.io");
        v1.closed.get(60, TimeUnit.SECONDS);
        assertThat(v1.socket.getSubprotocol()).isEqualTo("channel.k8s.io");
        assertThat(v1.binary(1)).isEqualTo("plain\n");
        assertThat(v1.binary(3)).isEmpty();
    }

    /** A JDK WebSocket client of an older channel protocol, collecting each channel's payload. */
    private static final class LegacyClient implements WebSocket.Listener {
        private final Map<Integer, StringBuilder> text = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Integer, java.io.ByteArrayOutputStream> bytes =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.CompletableFuture<Integer> closed =
                new java.util.concurrent.CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static LegacyClient open(URI uri, String protocol) {
            LegacyClient c = new LegacyClient();
            c.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols(protocol).buildAsync(uri, c)
                    .join();
            return c;
        }

        String decoded(int channel) {
            StringBuilder all = new StringBuilder();
            for (String part : text.getOrDefault(channel, new StringBuilder()).toString().split("\n")) {
                if (!part.isEmpty()) {
                    all.append(new String(Base64.getDecoder().decode(part), StandardCharsets.UTF_8));
                }
            }
            return all.toString();
        }

        String binary(int channel) {
            return bytes.getOrDefault(channel, new java.io.ByteArrayOutputStream()).toString(StandardCharsets.UTF_8);
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last && !partial.isEmpty()) {
                text.computeIfAbsent(partial.charAt(0) - '0', k -> new StringBuilder()).append(partial, 1,
                        partial.length()).append('\n');
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            int channel = data.get() & 0xff;
            byte[] payload = new byte[data.remaining()];
            data.get(payload);
            bytes.computeIfAbsent(channel, k -> new java.io.ByteArrayOutputStream()).writeBytes(payload);
            ws.request(1);
            return null;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.complete(code);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
