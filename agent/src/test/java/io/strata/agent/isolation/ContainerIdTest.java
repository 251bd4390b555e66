package io.strata.agent.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "../x", "a b", "x\n"})
    void constructor_unsafeValue_throws(String value) {
        assertThatThrownBy(() -> ContainerId.of(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c1", "task.1-abc_2", "0c2b7a9e-1f7e-4b1f-9d7e-0c2b7a9e1f7e"})
    void constructor_safeValue_keepsIt(String value) {
        assertThat(ContainerId.of(value).value()).isEqualTo(value);
    }
}
