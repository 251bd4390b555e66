package io.strata.dns.records;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Generates Mesos-DNS's record set from a {@link ClusterState} (mesos-dns v0.5.2 {@code records/generator.go}).
 *
 * <p>For the domain {@code D}: {@code leader.D}, {@code master.D}, {@code master0.D} A and
 * {@code _leader._tcp|_udp.D} SRV; {@code slave.D} and {@code agent.D} A for every agent with
 * {@code _slave._tcp.D}/{@code _agent._tcp.D} SRV; {@code F.D} A for each framework whose scheduler host is
 * known; and for each TASK_RUNNING task {@code T} of framework {@code F}: {@code T.F.D},
 * {@code T-<hash>-<agentTail>.F.D} and both under {@code .slave} as A records, SRV records per port resource
 * (and per DiscoveryInfo port) as Mesos-DNS does. Pure: names are resolved through {@link HostResolver}.
 */
public final class MesosRecordGenerator {
    /** The only task state that gets records. */
    public static final String RUNNING = "TASK_RUNNING";
    /** Mesos-DNS's default IP sources, in order of preference. */
    public static final List<String> DEFAULT_IP_SOURCES = List.of("netinfo", "mesos", "host");

    private final String domain;
    private final List<String> ipSources;
    private final HostResolver hosts;

    /** A generator for {@code domain} (e.g. {@code mesos}) choosing task IPs by {@code ipSources}. */
    public MesosRecordGenerator(String domain, List<String> ipSources, HostResolver hosts) {
        String d = Naming.domainFragment(Objects.requireNonNull(domain, "domain"));
        if (d.isEmpty()) {
            throw new IllegalArgumentException("domain '" + domain + "' has no valid label");
        }
        this.domain = d;
        this.ipSources = List.copyOf(ipSources);
        this.hosts = Objects.requireNonNull(hosts, "hosts");
    }

    /** The records of one cluster state. */
    public RecordSet generate(ClusterState state) {
        RecordSet.Builder b = new RecordSet.Builder().domain(domain);
        state.leader().ifPresent(m -> leader(b, m));
        Map<String, String> agentIps = agents(b, state);
        frameworks(b, state);
        state.tasks().values().stream()
                .filter(t -> t.state().equals(RUNNING))
                .sorted(Comparator.comparing(ClusterState.Task::key))
                .forEach(t -> {
                    ClusterState.Framework f = state.frameworks().get(t.frameworkId());
                    String agentIp = agentIps.get(t.agentId());
                    if (f != null && agentIp != null) {
                        task(b, t, f, agentIp);
                    }
                });
        return b.build();
    }

    private String d(String prefix) {
        return prefix + "." + domain + ".";
    }

    private void leader(RecordSet.Builder b, ClusterState.Master m) {
        hosts.ipv4(m.host()).ifPresent(ip -> {
            b.a(d("leader"), ip).a(d("master"), ip).a(d("master0"), ip);
            b.srv(d("_leader._tcp"), d("leader"), m.port()).srv(d("_leader._udp"), d("leader"), m.port());
        });
    }

    /** Agent records; returns each reachable agent's IP by id. */
    private Map<String, String> agents(RecordSet.Builder b, ClusterState state) {
        Map<String, String> ips = new java.util.HashMap<>();
        List<ClusterState.Agent> sorted = new ArrayList<>(state.agents().values());
        sorted.sort(Comparator.comparing(ClusterState.Agent::id));
        for (ClusterState.Agent a : sorted) {
            Optional<String> ip = a.pidIp() != null && HostResolver.isIpv4(a.pidIp())
                    ? Optional.of(a.pidIp()) : hosts.ipv4(a.hostname());
            if (ip.isEmpty()) {
                continue;
            }
            ips.put(a.id(), ip.get());
            b.a(d("slave"), ip.get()).a(d("agent"), ip.get());
            if (a.port() > 0) {
                b.srv(d("_slave._tcp"), d("slave"), a.port()).srv(d("_agent._tcp"), d("agent"), a.port());
            }
        }
        return ips;
    }

    private void frameworks(RecordSet.Builder b, ClusterState state) {
        state.frameworks().values().stream().sorted(Comparator.comparing(ClusterState.Framework::id)).forEach(f -> {
            String name = Naming.domainFragment(f.name());
            if (!name.isEmpty()) {
                hosts.ipv4(f.hostname()).ifPresent(ip -> b.a(d(name), ip));
            }
        });
    }

    private void task(RecordSet.Builder b, ClusterState.Task t, ClusterState.Framework f, String agentIp) {
        String framework = Naming.domainFragment(f.name());
        String name = Naming.label(t.discovery() != null && t.discovery().name() != null
                && !t.discovery().name().isBlank() ? t.discovery().name() : t.name());
        if (framework.isEmpty() || name.isEmpty()) {
            return;
        }
        String canonical = name + "-" + Naming.taskHash(t.id()) + "-" + Naming.agentIdTail(t.agentId()) + "." + framework;
        String plain = name + "." + framework;
        for (String ip : taskIps(t, agentIp)) {
            b.a(d(plain), ip).a(d(canonical), ip);
        }
        b.a(d(plain + ".slave"), agentIp).a(d(canonical + ".slave"), agentIp);
        String agentTarget = d(canonical + ".slave");
        for (long port : t.ports()) {
            for (String proto : List.of("_tcp", "_udp")) {
                b.srv(d("_" + name + "." + proto + "." + framework + ".slave"), agentTarget, (int) port);
                if (t.discovery() == null) {
                    b.srv(d("_" + name + "." + proto + "." + framework), agentTarget, (int) port);
                }
            }
        }
        if (t.discovery() == null) {
            return;
        }
        for (ClusterState.DiscoveryPort p : t.discovery().ports()) {
            String proto = p.protocol() == null || p.protocol().isBlank() ? null : Naming.label(p.protocol());
            List<String> protos = proto == null ? List.of("_tcp", "_udp") : List.of("_" + proto);
            for (String pr : protos) {
                String service = "_" + name + "." + pr + "." + framework;
                b.srv(d(service), d(canonical), p.number());
                if (p.name() != null && !Naming.label(p.name()).isEmpty()) {
                    b.srv(d("_" + Naming.label(p.name()) + "." + service), d(canonical), p.number());
                }
            }
        }
    }

    /** The task's IPv4 addresses from the first IP source that has any; "host" is the agent's IP. */
    private List<String> taskIps(ClusterState.Task t, String agentIp) {
        for (String source : ipSources) {
            List<String> ips = source.equals("host") ? List.of(agentIp)
                    : t.statusIps().getOrDefault(source, List.of()).stream().filter(HostResolver::isIpv4).toList();
            if (!ips.isEmpty()) {
                return ips;
            }
        }
        return List.of(agentIp);
    }
}
