package io.strata.agent.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceLimitsTest {

    @ParameterizedTest
    @CsvSource({
        // cpus, shares, quota, weight
        "0.001, 2,    1000,   1",
        "0.1,   102,  10000,  4",
        "0.5,   512,  50000,  20",
        "1,     1024, 100000, 39",
        "2.5,   2560, 250000, 98",
        "4,     4096, 400000, 157",
    })
    void cpuFigures_cpus_matchKernelUnits(double cpus, long shares, long quota, long weight) {
        ResourceLimits limits = new ResourceLimits(cpus, 1);

        assertThat(limits.cpuShares()).isEqualTo(shares);
        assertThat(limits.cfsQuotaMicros()).isEqualTo(quota);
        assertThat(limits.cpuWeight()).isEqualTo(weight);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "-1, 1", "NaN, 1", "Infinity, 1", "1, 0", "1, -5"})
    void constructor_invalidValues_throw(double cpus, long mem) {
        assertThatThrownBy(() -> new ResourceLimits(cpus, mem)).isInstanceOf(IllegalArgumentException.class);
    }
}
