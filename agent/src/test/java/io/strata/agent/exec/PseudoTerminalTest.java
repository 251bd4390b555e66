package io.strata.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PseudoTerminalTest {
    @Test
    void wrap_quotesEveryWordForTheShell() {
        List<String> argv = PseudoTerminal.wrap(Path.of("/usr/bin/script"), List.of("sh", "-c", "echo 'hi' $X"));

        assertThat(argv).containsExactly("/usr/bin/script", "-q", "-f", "-e", "-c",
                "'sh' '-c' 'echo '\\''hi'\\'' $X'", "/dev/null");
    }
}
