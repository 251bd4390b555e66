package io.strata.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalSizeTest {

    @Test
    void parse_kubectlsResizeMessage_readsColumnsAndRows() {
        assertThat(TerminalSize.parse("{\"Width\":120,\"Height\":40}\n".getBytes(StandardCharsets.UTF_8)))
                .hasValue(new TerminalSize(120, 40));
    }

    @Test
    void parse_zeroSizeOrGarbage_isNothingToApply() {
        assertThat(TerminalSize.parse("{\"Width\":0,\"Height\":0}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(TerminalSize.parse("{\"Width\":\"x\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(TerminalSize.parse("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void constructor_outOfRange_isRefused() {
        assertThatThrownBy(() -> new TerminalSize(0, 24)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("terminal size");
    }
}
