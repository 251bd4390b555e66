package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.agent.health.HealthCheckSpec;
import io.strata.agent.health.HealthCheckTiming;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.HealthCheck;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskHealthTest {
    private static final CommandInfo OK = new CommandInfo(null, null, true, "true", null, null);

    @Test
    void spec_noCheck_isEmpty() {
        assertThat(TaskHealth.spec(null)).isEmpty();
    }

    @Test
    void spec_commandWithoutTimings_takesMesosDefaults() {
        HealthCheckSpec spec = TaskHealth.spec(new HealthCheck(HealthCheck.Type.COMMAND, null, null, null, null,
                null, OK, null, null)).orElseThrow();

        assertThat(spec).isEqualTo(new HealthCheckSpec.Command("true", HealthCheckTiming.DEFAULT));
    }

    @Test
    void spec_httpWithoutScheme_isHttpWithGivenTimings() {
        HealthCheckSpec spec = TaskHealth.spec(new HealthCheck(HealthCheck.Type.HTTP, 0.0, 1.0, 2.0, 4, 5.0, null,
                new HealthCheck.Http(null, 8080, "health", List.of(200)), null)).orElseThrow();

        assertThat(spec).isEqualTo(new HealthCheckSpec.Http("http", 8080, "/health", Set.of(200),
                new HealthCheckTiming(0, 1, 2, 4, 5)));
    }

    @Test
    void spec_tcp_usesItsPort() {
        assertThat(TaskHealth.spec(new HealthCheck(HealthCheck.Type.TCP, null, null, null, null, null, null, null,
                new HealthCheck.Tcp(9000)))).contains(new HealthCheckSpec.Tcp(9000, HealthCheckTiming.DEFAULT));
    }

    @Test
    void spec_malformed_throwsNamingTheField() {
        assertThatThrownBy(() -> TaskHealth.spec(new HealthCheck(HealthCheck.Type.COMMAND, null, null, null, null,
                null, null, null, null))).hasMessageContaining("health_check.command");
        assertThatThrownBy(() -> TaskHealth.spec(new HealthCheck(null, null, null, null, null, null, OK, null,
                null))).hasMessageContaining("health_check.type");
        assertThatThrownBy(() -> TaskHealth.spec(new HealthCheck(HealthCheck.Type.TCP, null, -1.0, null, null, null,
                null, null, new HealthCheck.Tcp(80)))).isInstanceOf(IllegalArgumentException.class);
    }
}
