package io.strata.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PseudoTerminalTest {
    @Test
    void wrap_quotesEveryWordForTheShell() {
        List<String> argv = PseudoTerminal.wrap(Path.of("/usr/bin/script"), List.of("sh", "-c", "echo 'hi' $X"));

        assertThat(argv).containsExactly("/usr/bin/script", "-q", "-f", "-e", "-c",
                "'sh' '-c' 'echo '\\''hi'\\'' $X'", "/dev/null");
    }

    @Test
    void wrap_withSize_setsItInsideTheTerminalBeforeTheCommand() {
        List<String> argv = PseudoTerminal.wrap(Path.of("/usr/bin/script"), List.of("top"),
                Optional.of(new TerminalSize(100, 30)));

        assertThat(argv.get(5)).isEqualTo("stty cols 100 rows 30 2>/dev/null; exec 'top'");
    }
}
