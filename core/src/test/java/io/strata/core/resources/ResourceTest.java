package io.strata.core.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ResourceTest {

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "-x", "a/b", "a b", "a\bb", "tab\t"})
    void constructor_invalidRole_throws(String role) {
        assertThatThrownBy(() -> new Resource("cpus", role, Scalar.ofWhole(1)))
                .isInstanceOf(InvalidResourcesException.class)
                .hasMessageStartingWith("resource 'cpus': role '");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "ads", "slave_public", "a.b", "x-y", "a-"})
    void constructor_validRole_accepts(String role) {
        assertThat(new Resource("cpus", role, Scalar.ofWhole(1)).role()).isEqualTo(role);
    }

    @Test
    void constructor_fractionalGpus_throws() {
        assertThatThrownBy(() -> Resource.scalar("gpus", 1.5))
                .isInstanceOf(InvalidResourcesException.class)
                .hasMessage("resource 'gpus': value 1.5 is not a whole number of GPUs");
    }

    @Test
    void constructor_negativeScalar_throws() {
        assertThatThrownBy(() -> new Resource("cpus", "*", new Scalar(-1000)))
                .isInstanceOf(InvalidResourcesException.class)
                .hasMessage("resource 'cpus': value -1 is negative");
    }

    @Test
    void constructor_blankNameOrText_throws() {
        assertThatThrownBy(() -> Resource.scalar(" ", 1)).isInstanceOf(InvalidResourcesException.class);
        assertThatThrownBy(() -> new Resource("os", "*", new Text("linux")))
                .isInstanceOf(InvalidResourcesException.class);
    }

    @Test
    void toString_omitsUnreservedRole() {
        assertThat(Resource.scalar("cpus", 2)).hasToString("cpus:2");
        assertThat(Resource.scalar("cpus", "ads", 0.5)).hasToString("cpus(ads):0.5");
    }
}
