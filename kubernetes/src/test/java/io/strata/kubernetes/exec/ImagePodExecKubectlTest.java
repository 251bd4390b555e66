package io.strata.kubernetes.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.kubernetes.Kubectl;
import io.strata.kubernetes.RuntimeClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kubectl exec} into a pod that runs from an image (busybox from a real test registry, run by runc): the runc
 * exec path. The command sees the image's root filesystem; stdout, stdin and the exit code come back through the API
 * server and the agent; {@code -it} gets a terminal of kubectl's size inside the container.
 */
class ImagePodExecKubectlTest {
    @RegisterExtension
    static final RuntimeClusterExtension RUNTIME = RuntimeClusterExtension.imagePods("[31760-31790]", false);

    @BeforeAll
    static void start() throws Exception {
        Path manifest = RUNTIME.kubectl().file("box.yml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: box
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: main
                    image: busybox
                    command: ["sh", "-c", "echo in-the-image > /tmp/marker && exec sleep 600"]
                """);
        assertThat(RUNTIME.run("create", "-f", manifest.toString())).contains("pod/box created");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(RUNTIME.run("get", "pod", "box")).containsPattern("box\\s+1/1\\s+Running"));
    }

    @Test
    void exec_imagePod_outputFromTheImagesFilesystem() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Kubectl.Result r = RUNTIME.kubectl().run("exec", "box", "--", "cat", "/tmp/marker");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("in-the-image\n");
        });
    }

    @Test
    void exec_imagePod_nonZeroExitBecomesKubectlsExitCode() throws Exception {
        Kubectl.Result r = RUNTIME.kubectl().run("exec", "box", "--", "sh", "-c", "echo oops >&2; exit 6");

        assertThat(r.exit()).isEqualTo(6);
        assertThat(r.err()).contains("oops").contains("command terminated with exit code 6");
    }

    @Test
    void exec_imagePodInteractive_stdinReachesTheCommand() throws Exception {
        Path input = Files.writeString(RUNTIME.dir().resolve("in.txt"), "abc\n");

        Kubectl.Result r = RUNTIME.kubectl().run(Map.of(), input, "exec", "-i", "box", "--", "sh", "-c",
                "read x; echo got-$x");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("got-abc\n");
    }

    @Test
    void execTty_imagePod_containerTerminalHasKubectlsSize() throws Exception {
        Kubectl.Result r = RUNTIME.kubectl().inTerminal(Map.of(), 91, 27, "exec", "-it", "box", "--", "stty", "size");

        assertThat(r.exit()).as("%s %s", r.out(), r.err()).isZero();
        assertThat(r.out()).contains("27 91");
    }
}
