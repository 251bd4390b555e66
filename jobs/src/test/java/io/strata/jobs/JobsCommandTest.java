package io.strata.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class JobsCommandTest {

    @Test
    void parse_onlyZk_appliesChronosDefaults() {
        JobsCommand command = new JobsCommand();
        new CommandLine(command).parseArgs("--zk", "127.0.0.1:2181/chronos");

        assertThat(command.port).isEqualTo(4400);
        assertThat(command.frameworkName).isEqualTo("chronos");
        assertThat(command.role).isEqualTo("*");
        assertThat(command.host).isEqualTo("0.0.0.0");
    }

    @Test
    void parse_withoutZk_isAUsageError() {
        assertThatThrownBy(() -> new CommandLine(new JobsCommand()).parseArgs("--port", "0"))
                .isInstanceOf(CommandLine.MissingParameterException.class).hasMessageContaining("--zk");
    }

    @Test
    void config_portOutOfRange_isRefusedNamingTheFlag() {
        assertThatThrownBy(() -> new JobsConfig("z:1", "m:1", "127.0.0.1", 70_000, null, "chronos", "*"))
                .hasMessageContaining("--port");
    }
}
