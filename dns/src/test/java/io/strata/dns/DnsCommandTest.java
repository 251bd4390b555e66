package io.strata.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DnsCommandTest {
    private static DnsConfig parse(String... args) {
        DnsCommand command = new DnsCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
    }

    @Test
    void config_defaults_mesosDnsPortsAndDomainOnLoopback() {
        DnsConfig c = parse("--master", "zk://127.0.0.1:2181/strata");

        assertThat(c.master()).isEqualTo("zk://127.0.0.1:2181/strata");
        assertThat(c.dnsHost()).isEqualTo("127.0.0.1");
        assertThat(c.dnsPort()).isEqualTo(8053);
        assertThat(c.httpPort()).isEqualTo(8123);
        assertThat(c.domain()).isEqualTo("mesos");
        assertThat(c.resolvers()).isNull(); // the host's resolv.conf
        assertThat(c.ttl()).isEqualTo(60);
    }

    @Test
    void config_options_applied() {
        DnsConfig c = parse("--master", "http://127.0.0.1:5050", "--dns-port", "53", "--http-port", "-1",
                "--domain", "dc1.example", "--resolvers", "127.0.0.53, 127.0.0.54:5353", "--ttl", "5",
                "--ip-sources", "host,netinfo", "--udp-threads", "3");

        assertThat(c.dnsPort()).isEqualTo(53);
        assertThat(c.httpPort()).isEqualTo(-1);
        assertThat(c.domain()).isEqualTo("dc1.example");
        assertThat(c.resolvers()).containsExactly(new InetSocketAddress("127.0.0.53", 53),
                new InetSocketAddress("127.0.0.54", 5353));
        assertThat(c.ttl()).isEqualTo(5);
        assertThat(c.ipSources()).containsExactly("host", "netinfo");
        assertThat(c.udpThreads()).isEqualTo(3);
    }

    @Test
    void config_resolversNone_forwardingOff() {
        assertThat(parse("--resolvers", "none").resolvers()).isEmpty();
    }

    @Test
    void config_badValues_messageNamesTheOption() {
        assertThatThrownBy(() -> parse("--domain", "Bad Domain!")).hasMessageContaining("--domain");
        assertThatThrownBy(() -> parse("--dns-port", "70000")).hasMessageContaining("--dns-port");
        assertThatThrownBy(() -> parse("--ip-sources", "dhcp")).hasMessageContaining("--ip-sources");
        assertThatThrownBy(() -> parse("--resolvers", "127.0.0.1:0")).hasMessageContaining("--resolvers");
    }

    @Test
    void call_badDomain_usageExitCode() {
        int exit = new CommandLine(new DnsCommand()).execute("--domain", "-", "--http-port", "-1");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void resolvConf_nameserverLines_inOrder() {
        assertThat(ResolvConf.parse("# c\nsearch x\nnameserver 127.255.255.53\nnameserver fe80::1%eth0\noptions a"))
                .containsExactly(new InetSocketAddress("127.255.255.53", 53), new InetSocketAddress("fe80::1", 53));
        assertThat(ResolvConf.parseList("[::1]:5353")).isEqualTo(List.of(new InetSocketAddress("::1", 5353)));
    }

    @Test
    void config_kubernetes_setsApiUrlAndDefaultsToNone() {
        assertThat(parse().kubernetes()).isNull();
        assertThat(parse("--kubernetes", "http://127.0.0.1:6443").kubernetes())
                .isEqualTo(java.net.URI.create("http://127.0.0.1:6443"));
    }

    @Test
    void config_kubernetesNotAnHttpUrl_namesTheOption() {
        assertThatThrownBy(() -> parse("--kubernetes", "127.0.0.1:6443"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--kubernetes");
    }
}
