package io.strata.kubernetes.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.kubernetes.KubernetesCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProxyCommandTest {

    private static CommandLine command(StringWriter err) {
        CommandLine cli = new CommandLine(new KubernetesCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli;
    }

    @Test
    void execute_proxyHelp_parsesWithoutTheFrameworksZk() {
        StringWriter err = new StringWriter();
        assertThat(command(err).execute("proxy", "--help")).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void execute_proxyWithoutApi_isUsageError() {
        StringWriter err = new StringWriter();
        assertThat(command(err).execute("proxy")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--api=<api>'");
    }

    @Test
    void execute_frameworkWithoutZk_isUsageError() {
        StringWriter err = new StringWriter();
        assertThat(command(err).execute("--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--zk=<zk>'");
    }
}
