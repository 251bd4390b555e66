package io.strata.kubernetes.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.kubernetes.Kubectl;
import io.strata.kubernetes.RuntimeCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl exec} with the real kubectl 1.32 against a real master, agent and the Kubernetes framework: the
 * command's output, its exit code, stdin with {@code -i}, {@code -c} picking a container, and the errors kubectl prints
 * for a missing pod or container.
 */
class PodExecKubectlTest {
    @TempDir
    static Path dir;
    private static RuntimeCluster cluster;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Kubectl.available(), "kubectl tests skipped: /usr/bin/kubectl is not installed");
        cluster = RuntimeCluster.start(dir, "[31700-31750]", "127.109.0.0/16");
        kubectl = cluster.kubectl();
        Path manifest = kubectl.file("shell.yml", """
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
        assertThat(cluster.run("create", "-f", manifest.toString())).contains("pod/shell created");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(cluster.run("get", "pod", "shell")).containsPattern("shell\\s+2/2\\s+Running"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            // the agent detaches from running tasks on close: end the pod first so its namespace goes too
            cluster.kubectl().run("delete", "pod", "shell", "--wait=true");
            cluster.close();
        }
    }

    @Test
    void exec_echo_printsItsOutput() throws Exception {
        Kubectl.Result r = kubectl.run("exec", "shell", "--", "echo", "hi");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hi\n");
    }

    @Test
    void exec_nonZeroExit_becomesKubectlsExitCode() throws Exception {
        Kubectl.Result r = kubectl.run("exec", "shell", "--", "sh", "-c", "echo to-stderr >&2; exit 3");

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("to-stderr").contains("command terminated with exit code 3");
    }

    @Test
    void exec_interactiveStdin_reachesTheCommand() throws Exception {
        Path input = Files.writeString(dir.resolve("stdin.txt"), "hello\nfrom kubectl\n");

        Kubectl.Result r = runWithStdin(input, "exec", "-i", "shell", "--", "cat");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hello\nfrom kubectl\n");
    }

    @Test
    void exec_containerFlag_entersThatContainersTask() throws Exception {
        Kubectl.Result r = kubectl.run("exec", "shell", "-c", "side", "--", "sh", "-c", "echo $MESOS_TASK_ID");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).startsWith("k8s__default__shell__").endsWith("__side");
    }

    @Test
    void exec_unknownContainer_isRefusedWithUpstreamsMessage() throws Exception {
        Kubectl.Result r = kubectl.run("exec", "shell", "-c", "nope", "--", "true");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("container nope is not valid for pod shell");
    }

    @Test
    void exec_unknownPod_isNotFound() throws Exception {
        Kubectl.Result r = kubectl.run("exec", "missing", "--", "true");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("pods \"missing\" not found");
    }

    /** Runs kubectl with its stdin read from {@code input} (the shared runner leaves stdin unconnected). */
    private static Kubectl.Result runWithStdin(Path input, String... args) throws Exception {
        Path config = dir.resolve("kubectl").resolve("kubeconfig");
        List<String> command = new ArrayList<>(List.of(Kubectl.BINARY.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(input.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("HOME", dir.resolve("kubectl").toString());
        builder.environment().put("KUBECONFIG", config.toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return new Kubectl.Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
