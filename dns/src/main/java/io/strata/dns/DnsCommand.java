package io.strata.dns;

import io.strata.client.MasterLocator;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata dns}: Mesos-DNS-compatible service discovery following the leading master's events. */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = "Serve Mesos-DNS names (<task>.<framework>.mesos, SRV, leader.mesos ...) over UDP and TCP,"
                + " and Mesos-DNS's HTTP API; other names are forwarded to the host's resolvers.")
public final class DnsCommand implements Callable<Integer> {
    @Option(names = "--master", description = "Master to follow: http://host:port, host:port or zk://host:port/path"
            + " (default $" + MasterLocator.ENV + ", else " + MasterLocator.DEFAULT + ").")
    String master;
    @Option(names = "--dns-host", defaultValue = DnsConfig.DEFAULT_HOST,
            description = "Address to bind (default ${DEFAULT-VALUE}).")
    String dnsHost;
    @Option(names = "--dns-port", defaultValue = "" + DnsConfig.DEFAULT_DNS_PORT,
            description = "DNS port, UDP and TCP (default ${DEFAULT-VALUE}; 53 for the real one).")
    int dnsPort;
    @Option(names = "--http-port", defaultValue = "" + DnsConfig.DEFAULT_HTTP_PORT,
            description = "HTTP API port (default ${DEFAULT-VALUE}; -1 disables it).")
    int httpPort;
    @Option(names = "--domain", defaultValue = DnsConfig.DEFAULT_DOMAIN,
            description = "Authoritative domain (default ${DEFAULT-VALUE}).")
    String domain;
    @Option(names = "--resolvers", description = "Upstream resolvers host[:port],... (default: /etc/resolv.conf;"
            + " 'none' disables forwarding).")
    String resolvers;
    @Option(names = "--ttl", defaultValue = "" + DnsConfig.DEFAULT_TTL,
            description = "Record TTL in seconds (default ${DEFAULT-VALUE}).")
    long ttl;
    @Option(names = "--ip-sources", defaultValue = "netinfo,mesos,host",
            description = "Where task IPs come from, in order (default ${DEFAULT-VALUE}).")
    String ipSources;
    @Option(names = "--kubernetes", description = "Kubernetes API server (http://host:port) whose Services are"
            + " served as <service>.<namespace>.svc.cluster.local (default: none).")
    String kubernetes;
    @Option(names = "--udp-threads", description = "UDP loop threads (default: the CPU count, at most 8).")
    Integer udpThreads;

    @Override
    public Integer call() {
        DnsConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            System.err.println("strata dns: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        DnsServer server = DnsServer.start(config);
        System.out.println("dns: udp+tcp " + server.dnsAddress().getHostString() + ":" + server.dnsPort()
                + (server.httpPort() > 0 ? ", http http://" + config.dnsHost() + ":" + server.httpPort() : "")
                + ", domain " + config.domain() + ", following " + config.master()
                + (config.kubernetes() != null ? " and Kubernetes " + config.kubernetes() : "")
                + (server.upstreams().isEmpty() ? ", no forwarding" : ", forwarding to " + server.upstreams()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "strata-dns-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }

    /** The config from the options. */
    DnsConfig config() {
        String address = master != null && !master.isBlank() ? master
                : System.getenv().getOrDefault(MasterLocator.ENV, MasterLocator.DEFAULT);
        DnsConfig c = DnsConfig.defaults(address).withDnsHost(dnsHost).withPorts(dnsPort, httpPort)
                .withDomain(domain).withTtl(ttl)
                .withIpSources(Arrays.stream(ipSources.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .toList());
        if (resolvers != null) {
            c = c.withResolvers(resolvers.strip().equals("none") ? List.of() : ResolvConf.parseList(resolvers));
        }
        if (kubernetes != null && !kubernetes.isBlank()) {
            try {
                c = c.withKubernetes(new java.net.URI(kubernetes.strip()));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("--kubernetes must be an http(s)://host:port URL, not '"
                        + kubernetes + "'");
            }
        }
        return udpThreads == null ? c : c.withUdpThreads(udpThreads);
    }

    /** Runs the command standalone. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new DnsCommand()).execute(args));
    }
}
