package io.strata.dns.records;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable set of generated records: A records (name -> IPv4 addresses) and SRV records (name -> targets),
 * every name a lowercase FQDN with a trailing dot, in the order generated and without duplicates, plus the
 * domains these records are authoritative for.
 */
public record RecordSet(Set<String> domains, Map<String, List<String>> hosts, Map<String, List<Srv>> services) {
    /** No records, no domains. */
    public static final RecordSet EMPTY = new RecordSet(Set.of(), Map.of(), Map.of());

    /** Deep-copies into unmodifiable collections, keeping order. */
    public RecordSet {
        domains = Collections.unmodifiableSet(new LinkedHashSet<>(domains));
        hosts = freeze(hosts);
        services = freeze(services);
    }

    /** An SRV target: the target's FQDN and port. */
    public record Srv(String target, int port) {
        /** Validates the port. */
        public Srv {
            Objects.requireNonNull(target, "target");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("SRV port out of range: " + port);
            }
        }
    }

    /** The records of this set and {@code other} together. */
    public RecordSet merge(RecordSet other) {
        if (other.hosts.isEmpty() && other.services.isEmpty() && domains.containsAll(other.domains)) {
            return this; // the common case of one source: no copy of a large set
        }
        if (hosts.isEmpty() && services.isEmpty() && other.domains.containsAll(domains)) {
            return other;
        }
        Builder b = new Builder();
        domains.forEach(b::domain);
        other.domains.forEach(b::domain);
        for (RecordSet s : List.of(this, other)) {
            s.hosts.forEach((name, ips) -> ips.forEach(ip -> b.a(name, ip)));
            s.services.forEach((name, targets) -> targets.forEach(t -> b.srv(name, t.target(), t.port())));
        }
        return b.build();
    }

    private static <V> Map<String, List<V>> freeze(Map<String, List<V>> map) {
        Map<String, List<V>> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** Collects records, dropping duplicates as Mesos-DNS does. Not thread-safe. */
    public static final class Builder {
        private final Set<String> domains = new LinkedHashSet<>();
        private final Map<String, LinkedHashSet<String>> hosts = new LinkedHashMap<>();
        private final Map<String, LinkedHashSet<Srv>> services = new LinkedHashMap<>();

        /** Adds a domain served authoritatively. */
        public Builder domain(String domain) {
            domains.add(Naming.fqdn(domain));
            return this;
        }

        /** Adds an A record. */
        public Builder a(String name, String ip) {
            hosts.computeIfAbsent(Naming.fqdn(name), k -> new LinkedHashSet<>()).add(ip);
            return this;
        }

        /** Adds an SRV record. */
        public Builder srv(String name, String target, int port) {
            services.computeIfAbsent(Naming.fqdn(name), k -> new LinkedHashSet<>())
                    .add(new Srv(Naming.fqdn(target), port));
            return this;
        }

        /** The records collected so far. */
        public RecordSet build() {
            Map<String, List<String>> h = new LinkedHashMap<>();
            hosts.forEach((k, v) -> h.put(k, new ArrayList<>(v)));
            Map<String, List<Srv>> s = new LinkedHashMap<>();
            services.forEach((k, v) -> s.put(k, new ArrayList<>(v)));
            return new RecordSet(domains, h, s);
        }
    }
}
