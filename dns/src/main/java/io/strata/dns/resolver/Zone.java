package io.strata.dns.resolver;

import io.strata.dns.records.RecordSet;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * {@code ns1.D} pointing at this server. Compiling against the previous zone reuses the records of every name
 * whose records did not change, so an update costs map lookups for the unchanged names.
 */
public final class Zone {
    private static final ARecord[] NO_A = new ARecord[0];
    private static final SRVRecord[] NO_SRV = new SRVRecord[0];

    /** Records of one name. */
    record Entry(ARecord[] a, SRVRecord[] srv, ARecord[] srvTargets) {
    }

    /** One authoritative domain. */
    record Domain(Name name, SOARecord soa, NSRecord ns) {
    }

    private final RecordSet records;
    private final long ttl;
    private final List<Domain> domains;
    private final Map<Name, Entry> entries;
    private final Map<String, Entry> byText;
    private final long serial;
    private final AnswerCache answers = new AnswerCache();

    private Zone(RecordSet records, long ttl, List<Domain> domains, Map<Name, Entry> entries,
                 Map<String, Entry> byText, long serial) {
        this.records = records;
        this.ttl = ttl;
        this.domains = domains;
        this.entries = entries;
        this.byText = byText;
        this.serial = serial;
    }

    /**
     * Compiles a record set with {@code ttl} seconds, the SOA {@code serial}, and the address of this server
     * ({@code nsAddress}, an IPv4 literal, or null when it has none to publish).
     */
    public static Zone compile(RecordSet records, long ttl, long serial, String nsAddress) {
        return compile(records, ttl, serial, nsAddress, null);
    }

    /** Compiles like {@link #compile(RecordSet, long, long, String)}, reusing what {@code previous} had. */
    public static Zone compile(RecordSet records, long ttl, long serial, String nsAddress, Zone previous) {
        Zone reuse = previous != null && previous.ttl == ttl ? previous : null;
        List<Domain> domains = new ArrayList<>();
        Map<Name, Entry> entries = new HashMap<>();
        Map<String, Entry> byText = new HashMap<>();
        for (String d : records.domains()) {
            Name name = name(d);
            Name ns = name("ns1." + d);
            domains.add(new Domain(name, new SOARecord(name, DClass.IN, ttl, ns, name("root.ns1." + d), serial,
                    60, 600, 86_400, 60), new NSRecord(name, DClass.IN, ttl, ns)));
            if (nsAddress != null && !records.hosts().containsKey("ns1." + d)) {
                entries.put(ns, new Entry(new ARecord[] {new ARecord(ns, DClass.IN, ttl, address(nsAddress))},
                        NO_SRV, NO_A));
            }
        }
        Map<String, ARecord[]> a = new HashMap<>();
        records.hosts().forEach((host, ips) -> {
            if (reuse != null && ips.equals(reuse.records.hosts().get(host))) {
                Entry old = reuse.byText.get(host);
                if (old != null) {
                    a.put(host, old.a());
                    return;
                }
            }
            Name n = nameOrNull(host);
            if (n != null) { // else too long for DNS (a 63-character task name plus its hash): unservable
                a.put(host, ips.stream().map(ip -> new ARecord(n, DClass.IN, ttl, address(ip))).toArray(ARecord[]::new));
            }
        });
        Map<String, Entry> services = new HashMap<>();
        records.services().forEach((service, targets) -> {
            Entry old = reuse == null ? null : reuse.byText.get(service);
            if (old != null && targets.equals(reuse.records.services().get(service))
                    && targets.stream().allMatch(t -> Objects.equals(records.hosts().get(t.target()),
                    reuse.records.hosts().get(t.target())))) {
                services.put(service, old);
                return;
            }
            Name n = nameOrNull(service);
            Entry e = n == null ? null : srvEntry(n, targets, a, ttl);
            if (e != null && e.srv().length > 0) {
                services.put(service, e);
            }
        });
        a.forEach((host, recs) -> {
            Entry srv = services.remove(host);
            Entry e = new Entry(recs, srv == null ? NO_SRV : srv.srv(), srv == null ? NO_A : srv.srvTargets());
            byText.put(host, e);
            entries.put(recs.length > 0 ? recs[0].getName() : name(host), e);
        });
        services.forEach((service, e) -> {
            Entry plain = new Entry(NO_A, e.srv(), e.srvTargets());
            byText.put(service, plain);
            entries.put(e.srv()[0].getName(), plain);
        });
        return new Zone(records, ttl, List.copyOf(domains), entries, byText, serial);
    }

    private static Entry srvEntry(Name n, List<RecordSet.Srv> targets, Map<String, ARecord[]> a, long ttl) {
        List<ARecord> extra = new ArrayList<>();
        List<SRVRecord> srv = new ArrayList<>();
        for (RecordSet.Srv t : targets) {
            Name target = nameOrNull(t.target());
            if (target == null) {
                continue;
            }
            for (ARecord r : a.getOrDefault(t.target(), NO_A)) {
                if (!extra.contains(r)) {
                    extra.add(r);
                }
            }
            srv.add(new SRVRecord(n, DClass.IN, ttl, 0, 0, t.port(), target));
        }
        return new Entry(NO_A, srv.toArray(SRVRecord[]::new), extra.toArray(ARecord[]::new));
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
