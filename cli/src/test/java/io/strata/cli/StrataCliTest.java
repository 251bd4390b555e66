package io.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

class StrataCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return StrataCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--help",
            "node list --help",
            "task list --help",
            "task log --help",
            "task kill --help",
            "framework list --help",
            "execute --help",
    })
    void help_everyCommand_exitZeroUsageOnStdout(String args) {
        assertThat(run(Map.of(), args.split(" "))).isZero();
        assertThat(out()).startsWith("Usage: strata");
    }

    @Test
    void version_printsProjectVersion() {
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out()).startsWith("strata ").doesNotContain("${");
    }

    @Test
    void noSubcommand_usageOnStderrExit2() {
        assertThat(run(Map.of(), "task")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Usage: strata task");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "execute --command true                                      | Missing required option: '--name=NAME'",
            "execute --name x --command true --resources cpus:-1         | resource 'cpus' must not be negative: -1",
            "execute --name x --command true --resources mem:NaN         | resource 'mem' has value 'NaN'",
            "execute --name x --command true --resources ports:[1-2]     | only scalar values are supported",
            "execute --name x --command true --resources cpu=1           | resource 'cpu=1' is not name:value",
            "execute --name x --command true --env NOVALUE               | KEY=VALUE",
            "execute --name x --command true --role a/b                  | --role 'a/b' is not a valid role name",
            "execute --name x --command true --timeout 0                 | --timeout must be positive",
            "execute --name x --command true --task-id a/b               | task id 'a/b' must not contain",
            "execute --name x --command true --health-check-command true --health-check-interval 0 | --health-check-interval must be positive",
            "task log t1 --lines -1                                      | --lines must not be negative",
            "node list --master ftp://m:21                               | invalid master address 'ftp://m:21'",
            "nodes                                                       | Unmatched argument",
    })
    void badInput_exit2MessageOnStderr(String args, String message) {
        assertThat(run(Map.of(), args.strip().split(" +"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains(message);
        assertThat(out()).isEmpty();
    }

    @Test
    void unreachableMaster_exit3NamesUrl() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        int code = run(Map.of("STRATA_MASTER", "127.0.0.1:" + port), "node", "list");

        assertThat(code).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err()).isEqualTo("strata: cannot reach master at http://127.0.0.1:" + port + "\n");
    }

    @Test
    void unreachableMaster_executeExit3() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        int code = run(Map.of(), "execute", "--master", "127.0.0.1:" + port, "--name", "x", "--command", "true");

        assertThat(code).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err()).contains("cannot reach master at http://127.0.0.1:" + port);
    }

    /** A stand-in for a server command that dist/ adds to the tree. */
    @Command(name = "up", mixinStandardHelpOptions = true)
    static final class UpCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Commands.environment(spec).out().println("up with " + Commands.environment(spec).env().get("K"));
            return 0;
        }
    }

    @Test
    void commandLine_addedSubcommand_reachesInjectedEnvironment() {
        CliEnvironment environment = CliEnvironment.of(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("K", "v"));
        CommandLine commandLine = StrataCli.commandLine(environment).addSubcommand(new UpCommand());

        assertThat(commandLine.execute("up")).isZero();
        assertThat(out()).isEqualTo("up with v\n");
        assertThat(StrataCli.commandLine().getSubcommands()).containsKeys("node", "task", "framework", "execute");
    }
}
