package io.strata.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxFileTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a\\nb\\nc\\n | 2 | b\\nc\\n",
            "a\\nb\\nc    | 2 | b\\nc",
            "a\\nb\\n     | 5 | a\\nb\\n",
            "a\\nb\\n     | 0 | ''",
            "''           | 3 | ''",
            "partial\\nx\\n | 1 | x\\n",
    })
    void lastLines_countsFinalLineWithoutNewline(String text, int n, String expected) {
        assertThat(SandboxFile.lastLines(unescape(text), n)).isEqualTo(unescape(expected));
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n");
    }
}
