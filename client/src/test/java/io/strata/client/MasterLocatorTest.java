package io.strata.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.api.mesos.Address;
import io.strata.api.mesos.MasterInfo;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MasterLocatorTest {
    private static final MasterInfo LEADER = new MasterInfo("m1", 0, 5050, "master@127.0.9.2:5050", "m1", "1.1.0",
            new Address("m1", "127.0.9.2", 5050));

    private final MasterLocator locator = new MasterLocator((zk, timeout) -> LEADER);

    @ParameterizedTest
    @CsvSource({
            "http://127.0.9.1:5050,      http://127.0.9.1:5050",
            "http://127.0.9.1:5050/,     http://127.0.9.1:5050",
            "https://master.example,    https://master.example",
            "http://127.0.9.1:7070/mesos/, http://127.0.9.1:7070/mesos",
            "127.0.9.1:5051,             http://127.0.9.1:5051",
            "master.local,              http://master.local:5050",
            "'zk://zk1:2181,zk2:2181/strata', http://127.0.9.2:5050",
    })
    void resolve_acceptedForms_masterUrl(String address, String expected) {
        assertThat(locator.resolve(address)).isEqualTo(URI.create(expected));
    }

    @ParameterizedTest
    @CsvSource({
            "ftp://127.0.9.1:21",
            "127.0.9.1:99999",
            "http://",
            "host name:5050",
    })
    void resolve_malformed_invalidAddressExit2(String address) {
        assertThatThrownBy(() -> locator.resolve(address))
                .isInstanceOfSatisfying(StrataClientException.class, e -> {
                    assertThat(e.code()).isEqualTo(StrataClientException.Code.INVALID_ADDRESS);
                    assertThat(e.exitCode()).isEqualTo(2);
                })
                .hasMessageContaining(address.strip());
    }

    @Test
    void locate_precedence_flagThenEnvThenDefault() {
        Map<String, String> env = Map.of(MasterLocator.ENV, "127.0.9.9:5050");

        assertThat(locator.locate("127.0.9.1:5050", env)).isEqualTo(URI.create("http://127.0.9.1:5050"));
        assertThat(locator.locate(null, env)).isEqualTo(URI.create("http://127.0.9.9:5050"));
        assertThat(locator.locate(null, Map.of())).isEqualTo(URI.create(MasterLocator.DEFAULT));
    }

    @Test
    void toUrl_prefersAddressIpThenHostnameThenPid() {
        assertThat(MasterLocator.toUrl(LEADER, "zk://z/p")).isEqualTo(URI.create("http://127.0.9.2:5050"));
        var hostnameOnly = new MasterInfo("m", 0, 0, null, null, null, new Address("m2", null, 5051));
        assertThat(MasterLocator.toUrl(hostnameOnly, "zk://z/p")).isEqualTo(URI.create("http://m2:5051"));
        var pidOnly = new MasterInfo("m", 0, 0, "master@127.0.0.1:5052", null, null, null);
        assertThat(MasterLocator.toUrl(pidOnly, "zk://z/p")).isEqualTo(URI.create("http://127.0.0.1:5052"));
    }

    @Test
    void toUrl_noAddressAtAll_protocolError() {
        var empty = new MasterInfo("m", 0, 0, null, null, null, null);

        assertThatThrownBy(() -> MasterLocator.toUrl(empty, "zk://z/p"))
                .isInstanceOfSatisfying(StrataClientException.class,
                        e -> assertThat(e.code()).isEqualTo(StrataClientException.Code.PROTOCOL));
    }
}
