package io.strata.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DashboardConfigTest {
    @Test
    void defaults_listenOnLoopbackWithoutPassThrough() {
        DashboardConfig config = DashboardConfig.defaults("zk://127.0.0.1:2181/strata");
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(DashboardConfig.DEFAULT_PORT);
        assertThat(config.sampleInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.mesosUpstream()).isEmpty();
        assertThat(config.servicesUpstream()).isEmpty();
        assertThat(config.packagesUpstream()).isEmpty();
    }

    @Test
    void withUpstreams_setsEachOne() {
        DashboardConfig config = DashboardConfig.defaults("http://m:5050")
                .withMesosUpstream(URI.create("http://m:5050")).withServicesUpstream(URI.create("http://s:8080"))
                .withPackagesUpstream(URI.create("http://p:7075/package"));
        assertThat(config.mesosUpstream()).contains(URI.create("http://m:5050"));
        assertThat(config.servicesUpstream()).contains(URI.create("http://s:8080"));
        assertThat(config.packagesUpstream()).contains(URI.create("http://p:7075/package"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "blank master | ' ' | 127.0.0.1 | 0 | 2000 | 10 | master",
        "blank host | http://m:5050 | ' ' | 0 | 2000 | 10 | host",
        "port too big | http://m:5050 | 127.0.0.1 | 65536 | 2000 | 10 | port",
        "negative port | http://m:5050 | 127.0.0.1 | -1 | 2000 | 10 | port",
        "interval too short | http://m:5050 | 127.0.0.1 | 0 | 50 | 10 | sampleInterval",
        "history too small | http://m:5050 | 127.0.0.1 | 0 | 2000 | 1 | historyCapacity",
    })
    void constructor_badField_isRejectedNamingIt(String name, String master, String host, int port, long millis,
                                                 int capacity, String field) {
        assertThatThrownBy(() -> new DashboardConfig(master, host, port, Duration.ofMillis(millis), capacity,
                Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(field);
    }
}
