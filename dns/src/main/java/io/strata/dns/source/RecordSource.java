package io.strata.dns.source;

/**
 * A source of DNS records that follows some system of record by watching it (never by polling) and publishes
 * a complete {@link io.strata.dns.records.RecordSet} to its sink after every change.
 *
 * <p>Contract: {@link #start} returns at once; the source then runs on its own threads, reconnecting on failure
 * and keeping its last published records meanwhile (stale records beat none). Each publication replaces
 * everything this source published before; the server merges the latest set of every source into one
 * immutable snapshot. {@link #close} stops it and is idempotent. The Mesos operator stream is one source
 * ({@link MesosEventSource}); the Kubernetes watch ({@link KubernetesServiceSource},
 * {@code <service>.<namespace>.svc.cluster.local}) is another, publishing records for its own domain.
 */
public interface RecordSource extends AutoCloseable {
    /** A short name for logs and the sink's bookkeeping, unique per server ({@code mesos}, {@code kubernetes}). */
    String name();

    /** Starts watching; publications go to {@code sink}, from any thread, one at a time. */
    void start(RecordSink sink);

    /** Stops watching; no publication follows its return. */
    @Override
    void close();
}
