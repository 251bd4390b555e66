package io.strata.cli.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfirmationTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            yes          | 'yes\\n'          | true  | 1
            y upper case | 'Y\\n'            | true  | 1
            no           | 'no\\n'           | false | 1
            retry        | 'maybe\\nyes\\n'  | true  | 2
            end of input | ''                | false | 1
            """)
    void ask_answers_yesOnlyForYes(String name, String input, boolean expected, int prompts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean answer = Confirmation.ask("Continue?", new BufferedReader(new StringReader(input.replace("\\n", "\n"))),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(answer).isEqualTo(expected);
        assertThat(bytes.toString(StandardCharsets.UTF_8).split("Continue\\? \\[yes/no\\]", -1)).hasSize(prompts + 1);
    }
}
