package io.strata.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @ParameterizedTest
    @CsvSource({"32.0, 32", "0.1, 0.1", "1.5123, 1.512", "0, 0", "14019, 14019", "0.0004, 0", "1.10, 1.1"})
    void scalar_threeDecimalsNoTrailingZeros(double value, String expected) {
        assertThat(Formats.scalar(value)).isEqualTo(expected);
    }

    @Test
    void pairs_sortedKeyValuesNumbersAsScalars() throws Exception {
        var attributes = Json.mesos().readTree("{\"zone\":\"west\",\"level\":10.0,\"public_ip\":\"true\"}");

        assertThat(Formats.pairs(attributes)).isEqualTo("level=10,public_ip=true,zone=west");
        assertThat(Formats.pairs(Json.mesos().readTree("{}"))).isEqualTo("-");
    }

    @Test
    void usedOfTotal_missingUsedIsZero() throws Exception {
        var total = Json.mesos().readTree("{\"cpus\":4,\"mem\":14019}");
        var used = Json.mesos().readTree("{\"cpus\":1.1}");

        assertThat(Formats.usedOfTotal(used, total, "cpus")).isEqualTo("1.1/4");
        assertThat(Formats.usedOfTotal(used, total, "mem")).isEqualTo("0/14019");
        assertThat(Formats.usedOfTotal(used, total, "disk")).isEqualTo("0/0");
    }
}
