package io.strata.dns;

import io.strata.dns.records.MesosRecordGenerator;
import io.strata.dns.records.Naming;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the DNS server.
 *
 * @param master      the Mesos master to follow: {@code http://host:port}, {@code host:port} or
 *                    {@code zk://host:port/path}; null runs without the Mesos source (other sources only)
 * @param dnsHost     address the DNS server binds (UDP and TCP), default {@value #DEFAULT_HOST}
 * @param dnsPort     DNS port, default {@value #DEFAULT_DNS_PORT}; 0 picks a free one (the same for UDP and TCP)
 * @param httpPort    HTTP API port, default {@value #DEFAULT_HTTP_PORT} as Mesos-DNS; 0 picks one; -1 disables
 * @param domain      the authoritative domain, default {@value #DEFAULT_DOMAIN}
 * @param resolvers   upstream resolvers for other names; null reads the host's {@code /etc/resolv.conf}; empty
 *                    disables forwarding (other names are REFUSED)
 * @param ttl         record TTL in seconds, default 60 as Mesos-DNS
 * @param ipSources   where task IPs come from, in order ({@code netinfo}, {@code mesos}, {@code docker},
 *                    {@code host}); default Mesos-DNS's {@code [netinfo, mesos, host]}
 * @param udpThreads  UDP loop threads (each owns a SO_REUSEPORT socket); default the CPU count, 1 to 8
 * @param kubernetes  a Kubernetes API server whose Services are served as {@code *.svc.cluster.local}
 *                    ({@code http://host:port}); null (the default) serves no Kubernetes names
 */
public record DnsConfig(String master, String dnsHost, int dnsPort, int httpPort, String domain,
                        List<InetSocketAddress> resolvers, long ttl, List<String> ipSources, int udpThreads,
                        URI kubernetes) {
    /** Default bind address: loopback, as every Strata service in a local cluster. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default DNS port (unprivileged; {@code --dns-port 53} for the real one). */
    public static final int DEFAULT_DNS_PORT = 8053;
    /** Mesos-DNS's HTTP port. */
    public static final int DEFAULT_HTTP_PORT = 8123;
    /** Mesos-DNS's domain. */
    public static final String DEFAULT_DOMAIN = "mesos";
    /** Mesos-DNS's TTL in seconds. */
    public static final long DEFAULT_TTL = 60;
    private static final List<String> KNOWN_IP_SOURCES = List.of("netinfo", "mesos", "docker", "host");

    /** Validates every field; the messages name the option. */
    public DnsConfig {
        Objects.requireNonNull(dnsHost, "dnsHost");
        if (dnsPort < 0 || dnsPort > 65_535) {
            throw new IllegalArgumentException("--dns-port must be 0..65535, not " + dnsPort);
        }
        if (httpPort < -1 || httpPort > 65_535) {
            throw new IllegalArgumentException("--http-port must be -1 (off), 0 (any) or a port, not " + httpPort);
        }
        if (domain == null || Naming.domainFragment(domain).isEmpty()
                || !Naming.domainFragment(domain).equals(domain.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("--domain must be a lowercase DNS name such as 'mesos', not '"
                    + domain + "'");
        }
        resolvers = resolvers == null ? null : List.copyOf(resolvers);
        if (ttl < 0 || ttl > 86_400) {
            throw new IllegalArgumentException("--ttl must be 0..86400 seconds, not " + ttl);
        }
        ipSources = List.copyOf(ipSources);
        for (String s : ipSources) {
            if (!KNOWN_IP_SOURCES.contains(s)) {
                throw new IllegalArgumentException("--ip-sources: unknown source '" + s + "' (known: "
                        + String.join(", ", KNOWN_IP_SOURCES) + ")");
            }
        }
        if (udpThreads < 1 || udpThreads > 64) {
            throw new IllegalArgumentException("--udp-threads must be 1..64, not " + udpThreads);
        }
        if (kubernetes != null && !("http".equals(kubernetes.getScheme()) || "https".equals(kubernetes.getScheme()))
                || kubernetes != null && kubernetes.getHost() == null) {
            throw new IllegalArgumentException("--kubernetes must be an http(s)://host:port URL, not '"
                    + kubernetes + "'");
        }
    }

    /** Defaults following {@code master}: 127.0.0.1:8053, HTTP 8123, domain mesos, the host's resolvers. */
    public static DnsConfig defaults(String master) {
        return new DnsConfig(master, DEFAULT_HOST, DEFAULT_DNS_PORT, DEFAULT_HTTP_PORT, DEFAULT_DOMAIN, null,
                DEFAULT_TTL, MesosRecordGenerator.DEFAULT_IP_SOURCES,
                Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 8), null);
    }

    /** Defaults for tests: ephemeral DNS and HTTP ports on loopback, no forwarding. */
    public static DnsConfig forTests(String master) {
        return defaults(master).withPorts(0, 0).withResolvers(List.of());
    }

    /** The same settings with other DNS and HTTP ports. */
    public DnsConfig withPorts(int newDnsPort, int newHttpPort) {
        return new DnsConfig(master, dnsHost, newDnsPort, newHttpPort, domain, resolvers,
                ttl, ipSources, udpThreads, kubernetes);
    }

    /** The same settings with another bind address. */
    public DnsConfig withDnsHost(String host) {
        return new DnsConfig(master, host, dnsPort, httpPort, domain, resolvers,
                ttl, ipSources, udpThreads, kubernetes);
    }

    /** The same settings with other upstream resolvers (null: the host's, empty: none). */
    public DnsConfig withResolvers(List<InetSocketAddress> upstreams) {
        return new DnsConfig(master, dnsHost, dnsPort, httpPort, domain, upstreams,
                ttl, ipSources, udpThreads, kubernetes);
    }

    /** The same settings with another domain. */
    public DnsConfig withDomain(String newDomain) {
        return new DnsConfig(master, dnsHost, dnsPort, httpPort, newDomain, resolvers,
                ttl, ipSources, udpThreads, kubernetes);
    }

    /** The same settings with another TTL. */
    public DnsConfig withTtl(long seconds) {
        return new DnsConfig(master, dnsHost, dnsPort, httpPort, domain, resolvers,
                seconds, ipSources, udpThreads, kubernetes);
    }

    /** The same settings with another number of UDP threads. */
    public DnsConfig withUdpThreads(int threads) {
        return new DnsConfig(master, dnsHost, dnsPort, httpPort, domain, resolvers,
                ttl, ipSources, threads, kubernetes);
    }

    /** The same settings with other IP sources. */
    public DnsConfig withIpSources(List<String> sources) {
        return new DnsConfig(master, dnsHost, dnsPort, httpPort, domain, resolvers,
                ttl, sources, udpThreads, kubernetes);
    }

    /**
     * The same settings also serving the Services of the Kubernetes API server at {@code api} as
     * {@code <service>.<namespace>.svc.cluster.local} (null: none).
     */
    public DnsConfig withKubernetes(URI api) {
        return new DnsConfig(master, dnsHost, dnsPort, httpPort, domain, resolvers, ttl, ipSources, udpThreads, api);
    }
}
