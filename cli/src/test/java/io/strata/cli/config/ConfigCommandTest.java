package io.strata.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.cli.ExitCodes;
import io.strata.cli.StrataCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = StrataCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("STRATA_CONFIG", tmp.resolve("c/config.json").toString()), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void setThenShow_clusterUrl_isKeptInTheFile() throws Exception {
        assertThat(run("config", "set", "cluster.url", "http://127.0.0.1:7070").exit()).isEqualTo(ExitCodes.OK);

        Run show = run("config", "show");
        assertThat(show.out()).contains("cluster.url = http://127.0.0.1:7070").contains("kubectl.path = (not set)");
        assertThat(Files.readString(tmp.resolve("c/config.json"))).contains("\"cluster.url\"");
    }

    @Test
    void set_unknownKey_failsAsBadInputListingKnownKeys() {
        Run run = run("config", "set", "colour", "blue");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown key 'colour'").contains("cluster.url");
        assertThat(tmp.resolve("c/config.json")).doesNotExist();
    }

    @Test
    void set_clusterUrlWithoutScheme_failsAndKeepsTheOldValue() {
        run("config", "set", "cluster.url", "http://127.0.0.1:7070");

        Run run = run("config", "set", "cluster.url", "localhost:7070");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("cluster.url: must be http(s)://host[:port]");
        assertThat(run("config", "show", "--json").out()).contains("http://127.0.0.1:7070");
    }

    @Test
    void unset_setKey_removesIt() {
        run("config", "set", "kubectl.path", "/usr/bin/kubectl");

        run("config", "unset", "kubectl.path");

        assertThat(run("config", "show").out()).contains("kubectl.path = (not set)");
    }
}
