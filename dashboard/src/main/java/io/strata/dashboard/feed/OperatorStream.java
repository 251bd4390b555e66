package io.strata.dashboard.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.recordio.RecordIo;
import io.strata.client.HttpTransport;
import io.strata.dashboard.upstream.MasterEndpoint;
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
 * Follows the leading master's v1 operator event stream ({@code POST /api/v1 {"type":"SUBSCRIBE"}}, RecordIO) and
 * tells a {@link Listener} about every change of the folded {@link ClusterSummary}.
 *
 * <p>A stream that ends, breaks or stays silent for three heartbeat intervals (at least 5 s) is reopened against
 * the leader (the address is resolved again, so a {@code zk://} address follows failover; a URL's 307 is
 * followed) with exponential backoff: 100 ms doubling to 5 s, reset by each SUBSCRIBED. While disconnected the
 * last summary stays, marked disconnected. Lifecycle: NEW, {@link #start} once, {@link #close} once. Threading:
 * one platform daemon thread reads and folds (and calls the listener); a second closes silent streams.
 */
public final class OperatorStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorStream.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration MIN_SILENCE = Duration.ofSeconds(5);
    private static final byte[] SUBSCRIBE = "{\"type\":\"SUBSCRIBE\"}".getBytes(StandardCharsets.UTF_8);

    /** Receives the summary after each change, with the event that caused it (absent for connection changes). */
    @FunctionalInterface
    public interface Listener {
        /** Called on the reader thread, in stream order. */
        void changed(ClusterSummary summary, Optional<JsonNode> event);
    }

    private final MasterEndpoint master;
    private final Listener listener;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ClusterSummary summary = ClusterSummary.EMPTY;
    private volatile InputStream current;
    private volatile long lastReadNanos;
    private volatile long silenceLimitNanos = MIN_SILENCE.toNanos();
    private volatile Thread reader;
    private volatile Thread watchdog;

    /** A stream of the master behind {@code master}, reporting to {@code listener}. */
    public OperatorStream(MasterEndpoint master, Listener listener) {
        this.master = master;
        this.listener = listener;
    }

    /** The latest summary (disconnected and empty before the first SUBSCRIBED). */
    public ClusterSummary summary() {
        return summary;
    }

    /** Starts following the stream. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        reader = Thread.ofPlatform().daemon().name("strata-dashboard-events").start(this::run);
        watchdog = Thread.ofPlatform().daemon().name("strata-dashboard-events-watchdog").start(this::watch);
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!closed.get()) {
            try {
                if (follow()) {
                    backoff = FIRST_BACKOFF;
                }
            } catch (RuntimeException | IOException e) {
                master.forget();
                if (!closed.get()) {
                    LOG.info("operator event stream of {}: {}; reconnecting in {} ms", master.address(),
                            e.getMessage(), backoff.toMillis());
                }
            }
            if (summary.connected()) {
                publish(summary.withConnection(""), Optional.empty());
            }
            if (!sleep(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Subscribes once and folds events until the stream ends; true when SUBSCRIBED arrived. */
    private boolean follow() throws IOException {
        URI base = master.url();
        HttpTransport.StreamReply reply = master.transport().postStream(URI.create(base + "/api/v1"),
                "application/json", SUBSCRIBE, Map.of("Accept", "application/json"));
        URI leader = reply.uri();
        String leaderUrl = leader.getScheme() + "://" + leader.getRawAuthority();
        boolean subscribed = false;
        try (InputStream in = new BufferedInputStream(reply.body(), 64 * 1024)) {
            current = in;
            lastReadNanos = System.nanoTime();
            while (!closed.get()) {
                Optional<byte[]> record = RecordIo.read(in);
                if (record.isEmpty()) {
                    LOG.info("the master at {} closed the operator event stream", leaderUrl);
                    return subscribed;
                }
                lastReadNanos = System.nanoTime();
                JsonNode event = Json.mesos().readTree(record.get());
                ClusterSummary before = summary;
                ClusterSummary after = OperatorEventFold.apply(before, event);
                if (event.path("type").asText().equals("SUBSCRIBED")) {
                    double heartbeat = event.path("subscribed").path("heartbeat_interval_seconds").asDouble(15);
                    silenceLimitNanos = Math.max(MIN_SILENCE.toNanos(), (long) (3 * heartbeat * 1e9));
                    subscribed = true;
                    after = after.withConnection(leaderUrl);
                    LOG.info("following the operator event stream of {}", leaderUrl);
                }
                if (after != before) {
                    publish(after, Optional.of(event));
                }
            }
            return subscribed;
        } finally {
            current = null;
        }
    }

    private void publish(ClusterSummary next, Optional<JsonNode> event) {
        summary = next;
        try {
            listener.changed(next, event);
        } catch (RuntimeException e) {
            LOG.warn("dashboard feed listener failed", e);
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
