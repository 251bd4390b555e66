package io.strata.dns.source;

import io.strata.dns.records.RecordSet;

/** A source publishing one fixed record set at start (benchmarks, fixed local names). */
public final class StaticRecordSource implements RecordSource {
    private final String name;
    private final RecordSet records;

    /** A source named {@code name} serving {@code records}. */
    public StaticRecordSource(String name, RecordSet records) {
        this.name = name;
        this.records = records;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(RecordSink sink) {
        sink.publish(name, records);
    }

    @Override
    public void close() {
        // nothing runs
    }
}
