package io.strata.dns.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.client.HttpTransport;
import io.strata.client.MasterLocator;
import io.strata.client.operator.OperatorEventStream;
import io.strata.dns.records.ClusterState;
import io.strata.dns.records.MesosRecordGenerator;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows the leading master's v1 operator event stream through the shared
 * {@link OperatorEventStream} client and publishes Mesos-DNS records after every burst of events, so a task answers
 * as soon as its TASK_RUNNING arrives.
 *
 * <p>The master address may be a URL (a non-leader's 307 is followed) or {@code zk://}, resolved to the current
 * leader on every (re)connection; a broken or silent stream is reopened with backoff (100 ms doubling to 10 s);
 * meanwhile the last records keep being served. The fold and the record generation run on the stream's reader
 * thread.
 */
public final class MesosEventSource implements RecordSource {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final String masterAddress;
    private final MasterLocator locator;
    private final HttpTransport transport;
    private final MesosRecordGenerator generator;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile OperatorEventStream stream;

    /** A source following the master at {@code masterAddress} (URL, host:port or zk://). */
    public MesosEventSource(String masterAddress, MasterLocator locator, HttpTransport transport,
                            MesosRecordGenerator generator) {
        this.masterAddress = masterAddress;
        this.locator = locator;
        this.transport = transport;
        this.generator = generator;
    }

    @Override
    public String name() {
        return "mesos";
    }

    /** Whether a subscription is currently open (SUBSCRIBED received and the stream not ended). */
    public boolean connected() {
        OperatorEventStream s = stream;
        return s != null && s.subscribed();
    }

    @Override
    public void start(RecordSink sink) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        stream = new OperatorEventStream(OperatorEventStream.MasterAddress.of(masterAddress, locator), transport,
                OperatorEventStream.Settings.defaults("strata-dns-mesos", MAX_BACKOFF), new Fold(sink));
        stream.start();
    }

    /** Folds events into the cluster state and publishes its records once per burst. */
    private final class Fold implements OperatorEventStream.Handler {
        private final RecordSink sink;
        private ClusterState state = ClusterState.EMPTY; // kept across reconnections: stale records beat none
        private ClusterState published;

        Fold(RecordSink sink) {
            this.sink = sink;
        }

        @Override
        public void opened(URI leader) {
            state = state.withLeader(Optional.of(new ClusterState.Master(leader.getHost(),
                    leader.getPort() > 0 ? leader.getPort() : MasterLocator.DEFAULT_PORT)));
            published = null;
        }

        @Override
        public void event(JsonNode event, boolean endOfBurst) {
            state = OperatorEventFold.apply(state, event);
            if (state != published && endOfBurst) {
                sink.publish(name(), generator.generate(state));
                published = state;
            }
        }

        @Override
        public void closed(boolean subscribed) {
            // the last records stay until the next subscription's snapshot replaces them
        }
    }

    @Override
    public void close() {
        OperatorEventStream s = stream;
        if (s != null) {
            s.close();
        }
    }
}
