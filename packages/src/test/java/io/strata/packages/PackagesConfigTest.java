package io.strata.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackagesConfigTest {
    @Test
    void defaults_zk_localClusterAddresses() {
        PackagesConfig config = PackagesConfig.defaults("127.0.0.1:2181/strata");
        assertThat(config.port()).isEqualTo(PackagesConfig.DEFAULT_PORT);
        assertThat(config.services()).isEqualTo("http://127.0.0.1:8080");
        assertThat(config.router()).isEqualTo("http://127.0.0.1:7070");
        assertThat(config.masterForTemplates()).isEqualTo("zk://127.0.0.1:2181/strata");
        assertThat(config.withMaster("http://m:5050").masterForTemplates()).isEqualTo("http://m:5050");
    }

    @Test
    void constructor_bareHostAndTrailingSlash_normalized() {
        PackagesConfig config = PackagesConfig.defaults("zk://127.0.0.1:2181/x").withServices("127.0.0.1:9090/")
                .withRouter("https://router/");
        assertThat(config.services()).isEqualTo("http://127.0.0.1:9090");
        assertThat(config.router()).isEqualTo("https://router");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad zk          | ftp://h/x  | http://s | http://r | 0     | zk
            services scheme | h:2181/x   | ftp://s  | http://r | 0     | --services
            router blank    | h:2181/x   | http://s | ' '      | 0     | --router
            port too large  | h:2181/x   | http://s | http://r | 70000 | --port
            negative port   | h:2181/x   | http://s | http://r | -1    | --port
            """)
    void constructor_badValue_namesTheOption(String name, String zk, String services, String router, int port,
                                             String option) {
        assertThatThrownBy(() -> new PackagesConfig(zk, services, router, null, "127.0.0.1", port))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(option);
    }
}
