package io.strata.kubernetes.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TablePrinterTest {

    @ParameterizedTest
    @CsvSource({"0,0s", "119,119s", "120,2m", "303,5m3s", "600,10m", "10799,179m", "10800,3h", "11000,3h3m",
        "28800,8h", "172800,2d", "183600,2d3h", "691200,8d", "63072000,2y", "64108800,2y12d", "252460800,8y"})
    void humanDuration_seconds_asUpstream(long seconds, String expected) {
        assertThat(TablePrinter.humanDuration(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }
}
