package io.strata.cli.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalTerminalTest {

    @Test
    void parse_sttySize_isColumnsThenRows() {
        assertThat(LocalTerminal.parse("24 80\n")).hasValueSatisfying(size -> assertThat(size).containsExactly(80, 24));
    }

    @Test
    void parse_zeroOrGarbage_isEmpty() {
        assertThat(LocalTerminal.parse("0 0")).isEmpty();
        assertThat(LocalTerminal.parse("stty: 'standard input': Inappropriate ioctl for device")).isEmpty();
        assertThat(LocalTerminal.parse("")).isEmpty();
    }
}
