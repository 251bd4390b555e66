package io.strata.cli.servicelist;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.api.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceHealthTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "scaled to zero                 | {'instances':0,'healthChecks':[{}]}                    | IDLE",
        "no health checks               | {'instances':2,'tasksHealthy':0,'healthChecks':[]}     | NA",
        "all healthy                    | {'instances':2,'tasksHealthy':2,'healthChecks':[{}]}   | HEALTHY",
        "one missing                    | {'instances':3,'tasksHealthy':2,'healthChecks':[{}]}   | UNHEALTHY",
    })
    void ofApp_appJson_givesDcosHealth(String name, String app, ServiceHealth expected) throws Exception {
        assertThat(ServiceHealth.ofApp(Json.mesos().readTree(app.replace('\'', '"')))).isEqualTo(expected);
    }
}
