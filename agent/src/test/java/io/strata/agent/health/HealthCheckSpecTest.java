package io.strata.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthCheckSpecTest {

    @ParameterizedTest
    @CsvSource({"199, false", "200, true", "302, true", "399, true", "400, false", "503, false"})
    void healthyStatus_noStatusesGiven_accepts200To399(int status, boolean healthy) {
        HealthCheckSpec.Http http = new HealthCheckSpec.Http("http", 80, "health", Set.of(), HealthCheckTiming.DEFAULT);

        assertThat(http.healthyStatus(status)).isEqualTo(healthy);
        assertThat(http.path()).isEqualTo("/health");
    }

    @Test
    void healthyStatus_statusesGiven_acceptsOnlyThose() {
        HealthCheckSpec.Http http = new HealthCheckSpec.Http("https", 443, "/", Set.of(204), HealthCheckTiming.DEFAULT);

        assertThat(http.healthyStatus(204)).isTrue();
        assertThat(http.healthyStatus(200)).isFalse();
    }

    @Test
    void constructors_invalidValues_throw() {
        assertThatThrownBy(() -> new HealthCheckSpec.Tcp(0, HealthCheckTiming.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthCheckSpec.Http("ftp", 1, "/", Set.of(), HealthCheckTiming.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthCheckSpec.Command(" ", HealthCheckTiming.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthCheckTiming(0, 0, 1, 3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthCheckTiming(-1, 1, 1, 3, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timingAccessors_delegateToTiming() {
        HealthCheckSpec spec = new HealthCheckSpec.Tcp(8080, new HealthCheckTiming(1, 2, 3, 4, 5));

        assertThat(spec.delaySeconds()).isEqualTo(1);
        assertThat(spec.intervalSeconds()).isEqualTo(2);
        assertThat(spec.timeoutSeconds()).isEqualTo(3);
        assertThat(spec.consecutiveFailures()).isEqualTo(4);
        assertThat(spec.gracePeriodSeconds()).isEqualTo(5);
    }
}
