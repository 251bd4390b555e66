package io.strata.dns.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.recordio.RecordIo;
import io.strata.client.HttpTransport;
import io.strata.client.MasterLocator;
import io.strata.dns.records.ClusterState;
import io.strata.dns.records.MesosRecordGenerator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the leading master's v1 operator event stream ({@code POST /api/v1 {"type":"SUBSCRIBE"}}) and
 * publishes Mesos-DNS records after every change, so a task answers as soon as its TASK_RUNNING arrives.
 *
 * <p>The master address may be a URL (a non-leader answers 307 to the leader, which is followed) or
 * {@code zk://}, resolved to the current leader on every (re)connection. A stream that ends, breaks or stays
 * silent for three heartbeat intervals is reopened with exponential backoff (100 ms doubling to 10 s, reset by
 * each SUBSCRIBED); meanwhile the last records keep being served. Threading: one platform daemon thread reads
 * and folds the stream; a second one watches for silence.
 */
public final class MesosEventSource implements RecordSource {
    private static final Logger LOG = LoggerFactory.getLogger(MesosEventSource.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration MIN_SILENCE = Duration.ofSeconds(5);
    private static final byte[] SUBSCRIBE = "{\"type\":\"SUBSCRIBE\"}".getBytes(StandardCharsets.UTF_8);

    private final String masterAddress;
    private final MasterLocator locator;
    private final HttpTransport transport;
    private final MesosRecordGenerator generator;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile InputStream current;
    private volatile long lastReadNanos;
    private volatile long silenceLimitNanos = MIN_SILENCE.toNanos();
    private volatile Thread reader;
    private volatile Thread watchdog;
    private volatile boolean connected;

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
        return connected;
    }

    @Override
    public void start(RecordSink sink) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        reader = Thread.ofPlatform().daemon().name("strata-dns-mesos").start(() -> run(sink));
        watchdog = Thread.ofPlatform().daemon().name("strata-dns-mesos-watchdog").start(this::watch);
    }

    private void run(RecordSink sink) {
        ClusterState state = ClusterState.EMPTY;
        Duration backoff = FIRST_BACKOFF;
        while (!closed.get()) {
            boolean subscribed;
            try {
                state = follow(sink, state);
            } catch (RuntimeException | IOException e) {
                if (!closed.get()) {
                    LOG.warn("mesos event stream from {}: {}", masterAddress, e.getMessage());
                }
            } finally {
                subscribed = connected;
                connected = false;
            }
            if (subscribed) {
                backoff = FIRST_BACKOFF; // a stream that got as far as SUBSCRIBED starts the backoff over
            }
            if (!closed.get()) {
                LOG.info("reconnecting to {} in {} ms", masterAddress, backoff.toMillis());
            }
            if (!sleep(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Subscribes once and folds events until the stream ends; returns the last state. */
    private ClusterState follow(RecordSink sink, ClusterState before) throws IOException {
        URI master = locator.resolve(masterAddress);
        HttpTransport.StreamReply reply = transport.postStream(URI.create(master + "/api/v1"), "application/json",
                SUBSCRIBE, Map.of("Accept", "application/json"));
        URI leader = reply.uri();
        ClusterState state = before.withLeader(Optional.of(new ClusterState.Master(leader.getHost(),
                leader.getPort() > 0 ? leader.getPort() : MasterLocator.DEFAULT_PORT)));
        ClusterState published = null;
        try (InputStream in = new BufferedInputStream(reply.body(), 64 * 1024)) {
            current = in;
            lastReadNanos = System.nanoTime();
            if (closed.get()) {
                return state;
            }
            while (!closed.get()) {
                Optional<byte[]> record = RecordIo.read(in);
                if (record.isEmpty()) {
                    LOG.info("the master at {} closed the event stream", leader);
                    return state;
                }
                lastReadNanos = System.nanoTime();
                JsonNode event = Json.mesos().readTree(record.get());
                if (event.path("type").asText().equals("SUBSCRIBED")) {
                    double heartbeat = event.path("subscribed").path("heartbeat_interval_seconds").asDouble(15);
                    silenceLimitNanos = Math.max(MIN_SILENCE.toNanos(), (long) (3 * heartbeat * 1e9));
                    connected = true;
                    LOG.info("following the operator event stream of {}", leader);
                }
                state = OperatorEventFold.apply(state, event);
                // publish once a burst is read: a snapshot of thousands of events costs one generation
                if (state != published && in.available() == 0) {
                    sink.publish(name(), generator.generate(state));
                    published = state;
                }
            }
            return state;
        } finally {
            current = null;
        }
    }

    /** Closes a stream that stayed silent past three heartbeat intervals, so that the reader reconnects. */
    private void watch() {
        while (!closed.get()) {
            if (!sleep(Duration.ofMillis(500))) {
                return;
            }
            InputStream in = current;
            if (in != null && System.nanoTime() - lastReadNanos > silenceLimitNanos) {
                LOG.warn("no event or heartbeat from the master for {} ms; reconnecting",
                        silenceLimitNanos / 1_000_000);
                closeQuietly(in);
                current = null;
            }
        }
    }

    private boolean sleep(Duration d) {
        try {
            Thread.sleep(d);
            return !closed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        InputStream in = current;
        if (in != null) {
            closeQuietly(in);
        }
        for (Thread t : new Thread[] {reader, watchdog}) {
            if (t != null) {
                t.interrupt();
                try {
                    t.join(Duration.ofSeconds(2));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing only releases the connection
        }
    }
}
