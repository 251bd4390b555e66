package io.strata.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionedTest {

    @Test
    void equals_sameBytesAndVersion_isEqual() {
        assertThat(new Versioned(new byte[] {1, 2}, 3)).isEqualTo(new Versioned(new byte[] {1, 2}, 3))
                .hasSameHashCodeAs(new Versioned(new byte[] {1, 2}, 3))
                .isNotEqualTo(new Versioned(new byte[] {1, 2}, 4));
    }

    @Test
    void data_mutatingInputOrOutput_leavesValueUnchanged() {
        byte[] input = {1, 2};
        Versioned versioned = new Versioned(input, 0);

        input[0] = 9;
        versioned.data()[1] = 9;

        assertThat(versioned.data()).containsExactly(1, 2);
    }

    @Test
    void constructor_negativeVersion_throwsIllegalArgument() {
        assertThatThrownBy(() -> new Versioned(new byte[0], -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
