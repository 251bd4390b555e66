package io.strata.dns.resolver;

import io.strata.dns.records.RecordSet;
import io.strata.dns.source.RecordSink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current {@link Zone} and swaps it atomically: each source's publication is merged with the latest
 * sets of the other sources and compiled off the query path, then published with one volatile write. Readers
 * ({@link #current()}) never lock and never see a half-built zone.
 */
public final class ZoneHolder implements RecordSink {
    private final String baseDomain;
    private final long ttl;
    private final String nsAddress;
    private final Map<String, RecordSet> bySource = new LinkedHashMap<>();
    private final AtomicReference<Zone> zone;
    private long serial;

    /** A holder serving {@code baseDomain} (with no records yet), records with {@code ttl} seconds. */
    public ZoneHolder(String baseDomain, long ttl, String nsAddress) {
        this.baseDomain = baseDomain;
        this.ttl = ttl;
        this.nsAddress = nsAddress;
        this.zone = new AtomicReference<>(Zone.empty(baseDomain, ttl, nsAddress));
    }

    /** The zone to answer from; lock-free. */
    public Zone current() {
        return zone.get();
    }

    @Override
    public synchronized void publish(String source, RecordSet records) {
        bySource.put(source, records);
        RecordSet merged = new RecordSet.Builder().domain(baseDomain).build();
        for (RecordSet s : bySource.values()) {
            merged = merged.merge(s);
        }
        zone.set(Zone.compile(merged, ttl, ++serial, nsAddress, zone.get()));
    }
}
