package io.strata.dns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.json.Json;
import io.strata.client.HttpTransport;
import io.strata.client.MasterLocator;
import io.strata.dns.http.DnsHttpApi;
import io.strata.dns.records.HostResolver;
import io.strata.dns.records.MesosRecordGenerator;
import io.strata.dns.resolver.Forwarder;
import io.strata.dns.resolver.Responder;
import io.strata.dns.resolver.TcpServer;
import io.strata.dns.resolver.UdpServer;
import io.strata.dns.resolver.ZoneHolder;
import io.strata.dns.source.MesosEventSource;
import io.strata.dns.source.KubernetesServiceSource;
import io.strata.dns.source.RecordSource;
import io.strata.server.HttpServer;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Strata's Mesos-DNS-compatible service discovery server: DNS over UDP and TCP on one port, the Mesos-DNS HTTP
 * API, and record sources (the master's operator event stream, plus any others) feeding one atomically swapped
 * zone.
 *
 * <p>Lifecycle: {@link #start} binds everything and starts the sources; {@link #close} (idempotent) stops the
 * sources, then the listeners. Until the first publication the server answers SOA/NS for its domain and
 * NXDOMAIN for other names in it.
 */
public final class DnsServer implements AutoCloseable {
    /** The version reported by {@code /v1/version}. */
    public static final String VERSION = "0.1.0-strata";
    private static final int PORT_ATTEMPTS = 10;
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(3);

    private final DnsConfig config;
    private final ZoneHolder zones;
    private final UdpServer udp;
    private final TcpServer tcp;
    private final HttpServer http;
    private final List<RecordSource> sources;
    private final List<InetSocketAddress> upstreams;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DnsServer(DnsConfig config, ZoneHolder zones, UdpServer udp, TcpServer tcp, HttpServer http,
                      List<RecordSource> sources, List<InetSocketAddress> upstreams) {
        this.config = config;
        this.zones = zones;
        this.udp = udp;
        this.tcp = tcp;
        this.http = http;
        this.sources = sources;
        this.upstreams = upstreams;
    }

    /** Starts a server following {@code config.master()} (when set). */
    public static DnsServer start(DnsConfig config) {
        return start(config, List.of());
    }

    /**
     * Starts a server with {@code extraSources} besides the Mesos source (when {@code config.master()} is set).
     *
     * @throws UncheckedIOException when a port cannot be bound
     * @throws IllegalStateException when the HTTP port cannot be bound
     */
    public static DnsServer start(DnsConfig config, List<RecordSource> extraSources) {
        List<InetSocketAddress> upstreams = upstreams(config);
        String nsAddress = nsAddress(config.dnsHost());
        ZoneHolder zones = new ZoneHolder(config.domain(), config.ttl(), nsAddress);
        Forwarder forwarder = upstreams.isEmpty() ? null : new Forwarder(upstreams, FORWARD_TIMEOUT);
        Responder responder = new Responder(zones::current, forwarder != null);
        UdpServer udp = null;
        TcpServer tcp = null;
        HttpServer http = null;
        List<RecordSource> sources = new ArrayList<>(extraSources);
        try {
            for (int attempt = 1; tcp == null; attempt++) {
                udp = UdpServer.start(new InetSocketAddress(config.dnsHost(), config.dnsPort()), config.udpThreads(),
                        responder, forwarder);
                try {
                    tcp = TcpServer.start(new InetSocketAddress(config.dnsHost(), udp.port()), responder, forwarder);
                } catch (UncheckedIOException e) {
                    udp.close();
                    udp = null;
                    if (config.dnsPort() != 0 || attempt == PORT_ATTEMPTS) {
                        throw e; // an ephemeral UDP port may be taken for TCP: try another one
                    }
                }
            }
            DnsServer[] self = new DnsServer[1];
            if (config.httpPort() >= 0) {
                DnsHttpApi api = new DnsHttpApi(() -> zones.current().records(), VERSION,
                        () -> self[0].configJson());
                http = HttpServer.start(config.dnsHost(), config.httpPort(), api::routes);
            }
            if (config.master() != null) {
                sources.addFirst(new MesosEventSource(config.master(), MasterLocator.standard(), HttpTransport.create(),
                        new MesosRecordGenerator(config.domain(), config.ipSources(), DnsServer::lookupIpv4)));
            }
            if (config.kubernetes() != null) {
                sources.add(new KubernetesServiceSource(config.kubernetes()));
            }
            self[0] = new DnsServer(config, zones, udp, tcp, http, List.copyOf(sources), upstreams);
            sources.forEach(s -> s.start(zones));
            return self[0];
        } catch (RuntimeException e) {
            sources.forEach(RecordSource::close);
            for (AutoCloseable c : new AutoCloseable[] {http, tcp, udp}) {
                closeQuietly(c);
            }
            throw e;
        }
    }

    /** The DNS port (UDP and TCP). */
    public int dnsPort() {
        return udp.port();
    }

    /** The DNS address clients should query. */
    public InetSocketAddress dnsAddress() {
        return new InetSocketAddress(config.dnsHost(), udp.port());
    }

    /** The HTTP API port; -1 when the API is off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** The settings this server runs with. */
    public DnsConfig config() {
        return config;
    }

    /** The upstream resolvers in use (empty: no forwarding). */
    public List<InetSocketAddress> upstreams() {
        return upstreams;
    }

    /** The current records (what the HTTP API reads). */
    public io.strata.dns.records.RecordSet records() {
        return zones.current().records();
    }

    /** The Mesos-DNS-shaped {@code /v1/config} body. */
    ObjectNode configJson() {
        ObjectNode n = Json.mesos().createObjectNode();
        n.putArray("Masters").add(config.master() == null || config.master().startsWith("zk://")
                ? "" : config.master());
        n.put("Zk", config.master() != null && config.master().startsWith("zk://") ? config.master() : "");
        n.put("RefreshSeconds", 0); // event-driven: there is no refresh period
        n.put("TTL", config.ttl());
        n.put("Port", dnsPort());
        n.put("Domain", config.domain());
        var resolvers = n.putArray("Resolvers");
        upstreams.forEach(a -> resolvers.add(a.getHostString() + (a.getPort() == 53 ? "" : ":" + a.getPort())));
        n.put("Timeout", FORWARD_TIMEOUT.toSeconds());
        n.put("Listener", config.dnsHost());
        n.put("HTTPPort", httpPort());
        n.put("ExternalOn", !upstreams.isEmpty());
        n.put("DNSOn", true);
        n.put("HTTPOn", http != null);
        n.put("SOAMname", "ns1." + config.domain() + ".");
        n.put("SOARname", "root.ns1." + config.domain() + ".");
        n.put("SOARefresh", 60);
        n.put("SOARetry", 600);
        n.put("SOAExpire", 86_400);
        n.put("SOAMinttl", 60);
        var ipSources = n.putArray("IPSources");
        config.ipSources().forEach(ipSources::add);
        n.put("EnforceRFC952", false);
        return n;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sources.forEach(RecordSource::close);
        for (AutoCloseable c : new AutoCloseable[] {http, tcp, udp}) {
            closeQuietly(c);
        }
    }

    private static List<InetSocketAddress> upstreams(DnsConfig config) {
        List<InetSocketAddress> list = config.resolvers() != null ? config.resolvers()
                : ResolvConf.read(ResolvConf.HOST);
        // never forward to ourselves (resolv.conf naming 127.0.0.1 while we serve port 53 there)
        return list.stream().filter(a -> !(a.getPort() == config.dnsPort() && sameHost(a, config.dnsHost())))
                .toList();
    }

    private static boolean sameHost(InetSocketAddress a, String host) {
        return a.getAddress() != null && (a.getAddress().isAnyLocalAddress() || host.equals("0.0.0.0")
                || a.getAddress().getHostAddress().equals(host));
    }

    /** The address published as {@code ns1.<domain>}: the bind address, or this host's for a wildcard. */
    private static String nsAddress(String host) {
        if (HostResolver.isIpv4(host) && !host.equals("0.0.0.0")) {
            return host;
        }
        return lookupIpv4(host.equals("0.0.0.0") ? hostName() : host).orElse(null);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The first IPv4 address of a name through the JDK resolver. */
    static Optional<String> lookupIpv4(String name) {
        try {
            for (InetAddress a : InetAddress.getAllByName(name)) {
                if (a instanceof java.net.Inet4Address) {
                    return Optional.of(a.getHostAddress());
                }
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on a failure path or at shutdown: nothing else to do
        }
    }
}
