package io.strata.core.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalarTest {

    @ParameterizedTest
    @CsvSource({
        "1.5123, 1512, 1.512",
        "1.5125, 1512, 1.512",   // half-even
        "1.5135, 1514, 1.514",
        "24, 24000, 24",
        "0.5, 500, 0.5",
        "0.0004, 0, 0",
    })
    void parse_moreThanThreeDecimals_dropsThem(String text, long thousandths, String formatted) {
        Scalar scalar = Scalar.parse(text);
        assertThat(scalar.thousandths()).isEqualTo(thousandths);
        assertThat(scalar.text()).isEqualTo(formatted);
    }

    @Test
    void plus_tenthsThatDriftAsDoubles_areExact() {
        Scalar sum = Scalar.ZERO;
        for (int i = 0; i < 1000; i++) {
            sum = sum.plus(Scalar.of(0.1));
        }
        assertThat(sum).isEqualTo(Scalar.ofWhole(100));
        assertThat(Scalar.of(0.1).plus(Scalar.of(0.2))).isEqualTo(Scalar.of(0.3));
    }

    @Test
    void minus_belowZero_isNegative() {
        assertThat(Scalar.of(1.5).minus(Scalar.of(2)).isNegative()).isTrue();
        assertThat(Scalar.of(1.5).minus(Scalar.of(2)).text()).isEqualTo("-0.5");
    }

    @Test
    void of_nonFinite_throws() {
        assertThatThrownBy(() -> Scalar.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scalar.of(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }
}
