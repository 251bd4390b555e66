package io.strata.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.cli.ExitCodes;
import io.strata.cli.StrataCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real kubectl (skipped, saying so, where none is installed); no server is needed for these. */
class KubectlCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("STRATA_CONFIG", tmp.resolve("config.json").toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        env.putAll(extra);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = StrataCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assumeKubectl() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "kubectl is not installed at /usr/bin/kubectl");
    }

    @Test
    void kubectl_configView_pointsAtTheRoutersKubernetesService() {
        assumeKubectl();
        run(Map.of(), "config", "set", "cluster.url", "http://127.0.0.9:7070");

        Run run = run(Map.of(), "kubectl", "config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}");

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("http://127.0.0.9:7070/service/kubernetes");
    }

    @Test
    void kubectl_optionsAndHelp_passThroughUnchanged() {
        assumeKubectl();

        Run run = run(Map.of(), "kubectl", "version", "--client", "-o", "json");

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("\"clientVersion\"");
    }

    @Test
    void kubectl_exitCodeOfKubectl_isReturned() {
        assumeKubectl();

        Run run = run(Map.of(), "kubectl", "no-such-kubectl-command");

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("unknown command");
    }

    @Test
    void kubectl_notOnPath_failsWithHowToInstall() {
        Run run = run(Map.of("PATH", tmp.toString()), "kubectl", "get", "pods");

        assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("kubectl was not found on the PATH").contains("kubectl.path");
    }

    @Test
    void dashboard_noClusterConfigured_printsTheLocalRouter() {
        assertThat(run(Map.of(), "dashboard").out()).isEqualTo("http://127.0.0.1:7070/\n");
    }
}
