package io.strata.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TablePrinterTest {

    @Test
    void render_alignsColumnsWithoutTrailingBlanks() {
        Table table = Table.builder("ID", "HOSTNAME", "ACTIVE")
                .row("S0", "agent-long-name", "true")
                .row("S10", "a", null)
                .build();

        assertThat(TablePrinter.render(table)).isEqualTo("""
                ID   HOSTNAME         ACTIVE
                S0   agent-long-name  true
                S10  a                -
                """);
    }

    @Test
    void render_noRows_headerOnly() {
        assertThat(TablePrinter.render(Table.builder("ID", "NAME").build())).isEqualTo("ID  NAME\n");
    }

    @Test
    void table_rowOfWrongWidth_rejected() {
        assertThatThrownBy(() -> Table.builder("A", "B").row("only one").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 cells");
    }
}
