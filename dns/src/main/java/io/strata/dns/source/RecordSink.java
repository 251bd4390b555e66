package io.strata.dns.source;

import io.strata.dns.records.RecordSet;

/** Receives the complete, current records of one {@link RecordSource}. Thread-safe. */
@FunctionalInterface
public interface RecordSink {
    /** Replaces everything {@code source} published before with {@code records}. */
    void publish(String source, RecordSet records);
}
