package io.strata.cli.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cpus:0.1;mem:32          | cpus:0.1;mem:32",
            "' cpus : 1 ; mem:128 ;'  | cpus:1;mem:128",
            "mem:32;cpus:2;disk:64    | mem:32;cpus:2;disk:64",
            "cpus:1.5123              | cpus:1.512",
            "gpus:1;my-res/x.y_z:0.25 | gpus:1;my-res/x.y_z:0.25",
    })
    void parse_validText_keepsOrderAndThreeDecimals(String text, String expected) {
        assertThat(ResourceText.parse(text).toString()).isEqualTo(expected);
    }

    @Test
    void parse_scalars_storedInMillis() {
        assertThat(ResourceText.parse("cpus:0.1;mem:32").millis())
                .containsExactly(Map.entry("cpus", 100L), Map.entry("mem", 32_000L));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cpus:-1              | resource 'cpus' must not be negative: -1",
            "mem:NaN              | resource 'mem' has value 'NaN', which is not a number",
            "mem:Infinity         | resource 'mem' has value 'Infinity', which is not a number",
            "mem:1e3              | resource 'mem' has value '1e3', which is not a number",
            "mem:                 | resource 'mem' has value '', which is not a number",
            "cpus                 | resource 'cpus' is not name:value",
            "cpus(web):1          | resource name 'cpus(web)' is not valid",
            "ports:[31000-32000]  | resource 'ports': only scalar values are supported",
            "bugs:{a,b}           | resource 'bugs': only scalar values are supported",
            "cpus:0.0001          | resource 'cpus' must be at least 0.001",
            "cpus:0               | resource 'cpus' must be at least 0.001",
            "cpus:1;cpus:2        | resource 'cpus' is given twice",
            "' ; '                | no resources given",
    })
    void parse_invalidText_messageNamesResource(String text, String message) {
        assertThatThrownBy(() -> ResourceText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void convert_invalidText_typeConversionForPicocli() {
        assertThatThrownBy(() -> new ResourceText().convert("cpus:-1"))
                .isInstanceOf(picocli.CommandLine.TypeConversionException.class)
                .hasMessageContaining("cpus");
    }
}
