package io.strata.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZkAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            zk://127.0.0.1:2181/strata                | 127.0.0.1:2181                     | /strata
            zk://h1:2181,h2:2182,h3:2183/mesos       | h1:2181,h2:2182,h3:2183           | /mesos
            h1:2181,h2:2182/mesos                    | h1:2181,h2:2182                   | /mesos
            zk://localhost:2181                      | localhost:2181                    | /strata
            localhost:2181                           | localhost:2181                    | /strata
            zk://localhost/strata                    | localhost:2181                    | /strata
            ZK://zk-1.example.com:2181/a/b/c         | zk-1.example.com:2181             | /a/b/c
            zk://[::1]:2181,[fe80::1]/x              | [::1]:2181,[fe80::1]:2181         | /x
            """)
    void parse_validAddress_yieldsConnectStringAndPath(String input, String connectString, String path) {
        ZkAddress address = ZkAddress.parse(input);

        assertThat(address.connectString()).isEqualTo(connectString);
        assertThat(address.path()).isEqualTo(path);
        assertThat(ZkAddress.parse(address.toString())).isEqualTo(address);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            zk://h:x/p                 | zk address 'zk://h:x/p': port 'x' is not a number
            zk://h:/p                  | port '' is not a number
            zk://h:70000/p             | port '70000' is out of range 1-65535
            zk://h:0/p                 | port '0' is out of range 1-65535
            zk://h:99999999999/p       | port '99999999999' is out of range 1-65535
            zk:///p                    | no host:port given
            zk://h:1,,h2:2/p           | empty host:port entry
            zk://:2181/p               | host is empty
            zk://h%1:2181/p            | host 'h%1' contains '%'
            zk://u:pw@h:2181/p         | credentials ('user:password@') are not supported
            http://h:2181/p            | scheme 'http' is not 'zk'
            zk://h:2181/               | path '/' must name a znode below the root
            zk://h:2181/p/             | path '/p/' must not end with '/'
            zk://h:2181/a//b           | path '/a//b' contains an empty segment
            zk://h:2181/a/../b         | path '/a/../b' contains the segment '..'
            zk://[::1:2181/p           | IPv6 host '[::1:2181' lacks a closing ']'
            zk://[::1]x:2181/p         | unexpected 'x:2181' after IPv6 host [::1]
            """)
    void parse_invalidAddress_namesTheWrongPart(String input, String message) {
        assertThatThrownBy(() -> ZkAddress.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageStartingWith("zk address '" + input + "': ");
    }

    @Test
    void parse_blankOrNull_isRejected() {
        assertThatThrownBy(() -> ZkAddress.parse("  ")).hasMessage("zk address is empty");
        assertThatThrownBy(() -> ZkAddress.parse(null)).hasMessage("zk address is empty");
    }

    @Test
    void constructor_relativePath_isRejected() {
        assertThatThrownBy(() -> new ZkAddress("h:2181", "strata"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path 'strata' must start with '/'");
    }

    @Test
    void toString_parsedAddress_isZkUri() {
        assertThat(ZkAddress.parse("h1:1,h2:2/m")).hasToString("zk://h1:1,h2:2/m");
    }
}
