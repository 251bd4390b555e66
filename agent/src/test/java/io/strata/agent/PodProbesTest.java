package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.agent.health.HealthCheckSpec;
import io.strata.agent.health.HealthCheckTiming;
import io.strata.agent.oci.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health checks of group tasks run inside the group's namespace: real namespace, real listener, real probes. */
class PodProbesTest {
    private static final int PORT = 18082;
    @TempDir
    Path dir;
    private Path netns;
    private Process server;

    @BeforeEach
    void start() throws IOException {
        netns = dir.resolve("ns");
        NetworkNamespace.create(netns);
        // an HTTP server answering 200 on the namespace's loopback only
        server = new ProcessBuilder(NetworkNamespace.enter(netns, java.util.List.of("/bin/sh", "-c",
                "exec socat TCP-LISTEN:" + PORT + ",bind=127.0.0.1,reuseaddr,fork "
                        + "SYSTEM:'echo HTTP/1.0 200 OK; echo'")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.destroyForcibly().waitFor();
        NetworkNamespace.remove(netns);
    }

    @Test
    void command_tcpOnTheNamespacesLoopback_succeedsInsideOnly() throws Exception {
        HealthCheckSpec tcp = new HealthCheckSpec.Tcp(PORT, timing());

        assertThat(awaitExit(PodProbes.command(tcp, netns))).isZero();
        assertThat(run(PodProbes.command(new HealthCheckSpec.Tcp(PORT + 1, timing()), netns))).isNotZero();
    }

    @Test
    void command_httpStatusRules_followMesos() throws Exception {
        assertThat(awaitExit(PodProbes.command(new HealthCheckSpec.Http("http", PORT, "/", Set.of(), timing()),
                netns))).isZero();
        assertThat(run(PodProbes.command(new HealthCheckSpec.Http("http", PORT, "/", Set.of(204), timing()), netns)))
                .isNotZero();
    }

    @Test
    void command_shellCheck_runsInTheNamespace() throws Exception {
        HealthCheckSpec check = new HealthCheckSpec.Command("test \"$(readlink /proc/self/ns/net)\" != \""
                + readlink() + "\"", timing());

        assertThat(run(PodProbes.command(check, netns))).isZero();
    }

    @Test
    void command_successThresholdTwo_needsTwoSuccessesInARowAndAFailureResets() throws Exception {
        Path flag = dir.resolve("flag");
        Path counter = dir.resolve("successes");
        String check = PodProbes.command(new HealthCheckSpec.Command("test -f " + PodProbes.quote(flag.toString()),
                timing()), netns, 2, counter);
        java.nio.file.Files.writeString(flag, "up");

        assertThat(run(check)).as("first success").isNotZero();
        assertThat(run(check)).as("second success").isZero();
        assertThat(run(check)).as("third success").isZero();
        java.nio.file.Files.delete(flag);
        assertThat(run(check)).as("failure").isNotZero();
        java.nio.file.Files.writeString(flag, "up");
        assertThat(run(check)).as("one success after a failure").isNotZero();
        assertThat(run(check)).as("two successes after a failure").isZero();
    }

    @Test
    void successThreshold_label_isReadAndDefaultsToOne() {
        assertThat(PodProbes.successThreshold(task(null))).isEqualTo(1);
        assertThat(PodProbes.successThreshold(task("3"))).isEqualTo(3);
        assertThat(PodProbes.successThreshold(task("x"))).isEqualTo(1);
        assertThat(PodProbes.successThreshold(task("0"))).isEqualTo(1);
    }

    private static io.strata.api.mesos.TaskInfo task(String threshold) {
        var labels = threshold == null ? null : new io.strata.api.mesos.Labels(java.util.List.of(
                new io.strata.api.mesos.Label(PodProbes.SUCCESS_THRESHOLD_LABEL, threshold)));
        return new io.strata.api.mesos.TaskInfo("t", new io.strata.api.mesos.TaskId("t"), null, null, null, null,
                null, null, null, labels, null);
    }

    @Test
    void quote_wordWithQuotes_isOneShellWord() throws Exception {
        assertThat(run("test " + PodProbes.quote("it's") + " = \"it's\"")).isZero();
    }

    private static HealthCheckTiming timing() {
        return new HealthCheckTiming(0, 1, 5, 3, 0);
    }

    private static String readlink() throws IOException {
        return java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
    }

    /** Runs until it succeeds (the server may still be starting) or 10 s passed; returns the last exit code. */
    private static int awaitExit(String command) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int code;
        do {
            code = run(command);
            if (code == 0) {
                return 0;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return code;
    }

    private static int run(String command) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
