package io.strata.agent.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExitStatusTest {

    @ParameterizedTest
    @CsvSource({"0, -1", "1, -1", "128, -1", "130, 2", "137, 9", "143, 15", "255, -1"})
    void signal_exitCode_decodesSignalDeaths(int code, int signal) {
        OptionalInt expected = signal < 0 ? OptionalInt.empty() : OptionalInt.of(signal);

        assertThat(new ExitStatus.Exited(code).signal()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 256})
    void exited_outOfRange_throws(int code) {
        assertThatThrownBy(() -> new ExitStatus.Exited(code)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void isSuccess_onlyForZero(int code) {
        assertThat(new ExitStatus.Exited(code).isSuccess()).isEqualTo(code == 0);
        assertThat(new ExitStatus.Unknown("x").isSuccess()).isFalse();
    }
}
