package io.strata.dns.resolver;

import io.strata.dns.records.RecordSet;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;

/**
 * One immutable snapshot of everything the server answers authoritatively, compiled to dnsjava records once so
 * that queries only look up and copy. Replaced as a whole (see {@link ZoneHolder}); never mutated.
 *
 * <p>Each domain gets an SOA (mname {@code ns1.D}, rname {@code root.ns1.D}, refresh 60, retry 600, expire
 * 86400, minimum TTL 60, as Mesos-DNS), an NS record {@code ns1.D} and, when known, an A record for
 * {@code ns1.D} pointing at this server.
 */
public final class Zone {
    /** Records of one name. */
    record Entry(ARecord[] a, SRVRecord[] srv, ARecord[] srvTargets) {
    }

    /** One authoritative domain. */
    record Domain(Name name, SOARecord soa, NSRecord ns) {
    }

    private final RecordSet records;
    private final List<Domain> domains;
    private final Map<Name, Entry> entries;
    private final long serial;
    private final AnswerCache answers = new AnswerCache();

    private Zone(RecordSet records, List<Domain> domains, Map<Name, Entry> entries, long serial) {
        this.records = records;
        this.domains = domains;
        this.entries = entries;
        this.serial = serial;
    }

    /**
     * Compiles a record set with {@code ttl} seconds, the SOA {@code serial}, and the address of this server
     * ({@code nsAddress}, an IPv4 literal, or null when it has none to publish).
     */
    public static Zone compile(RecordSet records, long ttl, long serial, String nsAddress) {
        RecordSet.Builder self = new RecordSet.Builder();
        if (nsAddress != null) {
            records.domains().forEach(d -> self.a("ns1." + d, nsAddress));
        }
        RecordSet all = records.merge(self.build());
        List<Domain> domains = new ArrayList<>();
        for (String d : all.domains()) {
            Name name = name(d);
            Name ns = name("ns1." + d);
            domains.add(new Domain(name, new SOARecord(name, DClass.IN, ttl, ns, name("root.ns1." + d), serial,
                    60, 600, 86_400, 60), new NSRecord(name, DClass.IN, ttl, ns)));
        }
        Map<Name, ARecord[]> a = new HashMap<>();
        all.hosts().forEach((host, ips) -> {
            Name n = nameOrNull(host);
            if (n == null) {
                return; // a generated name too long for DNS (a 63-character task name plus its hash): unservable
            }
            a.put(n, ips.stream().map(ip -> new ARecord(n, DClass.IN, ttl, address(ip))).toArray(ARecord[]::new));
        });
        Map<Name, Entry> entries = new HashMap<>();
        a.forEach((n, recs) -> entries.put(n, new Entry(recs, new SRVRecord[0], new ARecord[0])));
        all.services().forEach((service, targets) -> {
            Name n = nameOrNull(service);
            if (n == null) {
                return;
            }
            List<ARecord> extra = new ArrayList<>();
            SRVRecord[] srv = targets.stream().filter(t -> nameOrNull(t.target()) != null).map(t -> {
                Name target = name(t.target());
                for (ARecord r : a.getOrDefault(target, new ARecord[0])) {
                    if (!extra.contains(r)) {
                        extra.add(r);
                    }
                }
                return new SRVRecord(n, DClass.IN, ttl, 0, 0, t.port(), target);
            }).toArray(SRVRecord[]::new);
            Entry hosts = entries.get(n);
            entries.put(n, new Entry(hosts == null ? new ARecord[0] : hosts.a(), srv, extra.toArray(ARecord[]::new)));
        });
        return new Zone(all, List.copyOf(domains), Map.copyOf(entries), serial);
    }

    /** An empty zone serving {@code domain} only (SOA and NS). */
    public static Zone empty(String domain, long ttl, String nsAddress) {
        return compile(new RecordSet.Builder().domain(domain).build(), ttl, 0, nsAddress);
    }

    /** The domain that {@code name} falls in (the longest match), or null when it is not ours. */
    Domain authority(Name name) {
        Domain best = null;
        for (Domain d : domains) {
            if (name.subdomain(d.name()) && (best == null || d.name().labels() > best.name().labels())) {
                best = d;
            }
        }
        return best;
    }

    /** The records of a name, or null when the name has none. */
    Entry entry(Name name) {
        return entries.get(name);
    }

    /** The memoised answers of this zone. */
    AnswerCache answers() {
        return answers;
    }

    /** The generated records this zone was compiled from (for the HTTP API). */
    public RecordSet records() {
        return records;
    }

    /** The SOA serial. */
    public long serial() {
        return serial;
    }

    private static Name name(String fqdn) {
        try {
            return Name.fromString(fqdn);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("invalid DNS name '" + fqdn + "'", e);
        }
    }

    private static Name nameOrNull(String fqdn) {
        try {
            return Name.fromString(fqdn);
        } catch (TextParseException e) {
            return null;
        }
    }

    private static InetAddress address(String ipv4) {
        byte[] bytes = org.xbill.DNS.Address.toByteArray(ipv4, org.xbill.DNS.Address.IPv4);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IPv4 address: " + ipv4);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + ipv4, e);
        }
    }
}
