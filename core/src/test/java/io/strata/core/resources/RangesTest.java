package io.strata.core.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangesTest {

    private static Ranges ranges(String text) {
        return ResourceParser.parseRanges("test", text);
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "[1-5]          | [6-8,20-21]     | [1-8,20-21]",
        "[1-5]          | [3-10]          | [1-10]",
        "[]             | [1-1]           | [1-1]",
        "[10-20]        | [1-2]           | [1-2,10-20]",
    })
    void plus_unitesAndCoalesces(String a, String b, String expected) {
        assertThat(ranges(a).plus(ranges(b))).isEqualTo(ranges(expected));
        assertThat(ranges(a).plus(ranges(b)).text()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} - {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "[31000-32000]      | [31500-31500]       | [31000-31499,31501-32000]",
        "[1-10]             | [1-10]              | []",
        "[1-10]             | [0-3,8-20]          | [4-7]",
        "[1-5,10-15]        | [4-11]              | [1-3,12-15]",
        "[1-5]              | [7-9]               | [1-5]",
        "[1-10,20-30,40-50] | [5-5,25-25,45-45]   | [1-4,6-10,20-24,26-30,40-44,46-50]",
    })
    void minus_splitsRanges(String a, String b, String expected) {
        assertThat(ranges(a).minus(ranges(b)).text()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "[31000-32000]  | [31000-31010]  | true",
        "[31000-32000]  | [31990-32010]  | false",
        "[1-5,10-15]    | [2-3,12-15]    | true",
        "[1-5,10-15]    | [5-10]         | false",
        "[1-5]          | []             | true",
        "[]             | [1-1]          | false",
    })
    void contains_isSubset(String a, String b, boolean expected) {
        assertThat(ranges(a).contains(ranges(b))).isEqualTo(expected);
    }

    @Test
    void intersect_keepsCommonValues() {
        assertThat(ranges("[1-10,20-30]").intersect(ranges("[5-25]")).text()).isEqualTo("[5-10,20-25]");
    }

    @Test
    void lowest_picksAcrossRanges() {
        assertThat(ranges("[5-6,10-20]").lowest(3)).containsExactly(5L, 6L, 10L);
        assertThatThrownBy(() -> ranges("[5-6]").lowest(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stateText_hasSpaceAfterComma() {
        assertThat(ranges("[31000-32000,33000-34000]").stateText()).isEqualTo("[31000-32000, 33000-34000]");
    }

    @Test
    void range_endBeforeBegin_throws() {
        assertThatThrownBy(() -> new Range(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Range(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
