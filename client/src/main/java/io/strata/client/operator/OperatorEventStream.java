package io.strata.client.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.recordio.RecordIo;
import io.strata.client.HttpTransport;
import io.strata.client.MasterLocator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the leading master's v1 operator event stream and hands each event to a {@link Handler}.
 *
 * <p>Every (re)connection asks the {@link MasterAddress} for the master's base URL (so a {@code zk://} address
 * follows failover; a non-leader's 307 is followed by the transport). A stream that ends, breaks or stays silent
 * for three heartbeat intervals (at least {@link Settings#minSilence}) is reopened after a backoff that doubles from
 * {@link Settings#firstBackoff} to {@link Settings#maxBackoff} and starts over after each SUBSCRIBED. Lifecycle:
 * NEW, {@link #start} once, {@link #close} once. Threading: one platform daemon thread reads and calls the handler
 * (in stream order); a second closes silent streams.
 */
public final class OperatorEventStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorEventStream.class);
    private static final byte[] SUBSCRIBE = "{\"type\":\"SUBSCRIBE\"}".getBytes(StandardCharsets.UTF_8);
    private static final Duration WATCHDOG_TICK = Duration.ofMillis(500);
    private static final String API_PATH = "/api/v1";

    /** Where the master is: resolved before each subscription, forgotten after a failed one. */
    public interface MasterAddress {
        /** The leading master's base URL (may carry a path, e.g. a router's {@code /mesos}). */
        URI resolve();

        /** Drops a cached resolution after a failure; the next {@link #resolve} looks again. */
        default void forget() {
        }

        /** The address as configured, for log lines. */
        String describe();

        /** {@code address} (URL, host:port or {@code zk://}) resolved through {@code locator} on every call. */
        static MasterAddress of(String address, MasterLocator locator) {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(locator, "locator");
            return new MasterAddress() {
                @Override
                public URI resolve() {
                    return locator.resolve(address);
                }

                @Override
                public String describe() {
                    return address;
                }
            };
        }
    }

    /** What a component does with the stream; every method is called on the reader thread. */
    public interface Handler {
        /** A subscription's response arrived from {@code leader} (its base URL, after redirects); events follow. */
        void opened(URI leader);

        /**
         * One event, in stream order; {@code endOfBurst} is true when no further event is buffered (a component
         * that rebuilds a model can do it once per burst: a snapshot of thousands of events costs one rebuild).
         */
        void event(JsonNode event, boolean endOfBurst);

        /** The subscription ended (closed, broken, silent or refused); {@code subscribed} if it got SUBSCRIBED. */
        void closed(boolean subscribed);
    }

    /**
     * Reconnection and liveness settings.
     *
     * @param firstBackoff the wait before the first reconnection
     * @param maxBackoff the longest wait between reconnections
     * @param minSilence the least silence that closes a stream (three heartbeat intervals when longer)
     * @param threadName the reader thread's name ({@code -watchdog} is appended for the second thread)
     */
    public record Settings(Duration firstBackoff, Duration maxBackoff, Duration minSilence, String threadName) {
        /** Positive durations, firstBackoff at most maxBackoff, a name. */
        public Settings {
            Objects.requireNonNull(threadName, "threadName");
            if (firstBackoff.isNegative() || firstBackoff.isZero() || maxBackoff.compareTo(firstBackoff) < 0) {
                throw new IllegalArgumentException("backoff must be positive and firstBackoff <= maxBackoff");
            }
            if (minSilence.isNegative() || minSilence.isZero()) {
                throw new IllegalArgumentException("minSilence must be positive");
            }
        }

        /** 100 ms doubling to {@code maxBackoff}, silence of at least 5 s. */
        public static Settings defaults(String threadName, Duration maxBackoff) {
            return new Settings(Duration.ofMillis(100), maxBackoff, Duration.ofSeconds(5), threadName);
        }
    }

    private final MasterAddress master;
    private final HttpTransport transport;
    private final Settings settings;
    private final Handler handler;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile InputStream current;
    private volatile long lastReadNanos;
    private volatile long silenceLimitNanos;
    private volatile boolean subscribed;
    private volatile Thread reader;
    private volatile Thread watchdog;

    /** A stream of the master at {@code master}, spoken to over {@code transport}, reporting to {@code handler}. */
    public OperatorEventStream(MasterAddress master, HttpTransport transport, Settings settings, Handler handler) {
        this.master = Objects.requireNonNull(master, "master");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.silenceLimitNanos = settings.minSilence().toNanos();
    }

    /** Whether a subscription is open now (SUBSCRIBED received and the stream not ended). */
    public boolean subscribed() {
        return subscribed;
    }

    /** Starts following the stream. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        reader = Thread.ofPlatform().daemon().name(settings.threadName()).start(this::run);
        watchdog = Thread.ofPlatform().daemon().name(settings.threadName() + "-watchdog").start(this::watch);
    }

    private void run() {
        Duration backoff = settings.firstBackoff();
        while (!closed.get()) {
            boolean opened = false;
            try {
                URI base = master.resolve();
                HttpTransport.StreamReply reply = transport.postStream(URI.create(base + API_PATH),
                        "application/json", SUBSCRIBE, Map.of("Accept", "application/json"));
                opened = true;
                follow(reply);
            } catch (RuntimeException | IOException e) {
                master.forget();
                if (!closed.get()) {
                    LOG.info("operator event stream of {}: {}; reconnecting in {} ms", master.describe(),
                            e.getMessage(), backoff.toMillis());
                }
            }
            boolean wasSubscribed = subscribed;
            subscribed = false;
            if (wasSubscribed) {
                backoff = settings.firstBackoff(); // a stream that got as far as SUBSCRIBED starts over
            }
            if (opened && !closed.get()) {
                callSafely(() -> handler.closed(wasSubscribed));
            }
            if (!sleep(backoff)) {
                return;
            }
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
        }
    }

    /** Reads one subscription's events until it ends. */
    private void follow(HttpTransport.StreamReply reply) throws IOException {
        URI leader = baseOf(reply.uri());
        try (InputStream in = new BufferedInputStream(reply.body(), 64 * 1024)) {
            current = in;
            lastReadNanos = System.nanoTime();
            if (closed.get()) {
                return;
            }
            handler.opened(leader);
            while (!closed.get()) {
                Optional<byte[]> record = RecordIo.read(in);
                if (record.isEmpty()) {
                    LOG.info("the master at {} closed the operator event stream", leader);
                    return;
                }
                lastReadNanos = System.nanoTime();
                JsonNode event = Json.mesos().readTree(record.get());
                if (event.path("type").asText().equals("SUBSCRIBED")) {
                    double heartbeat = event.path("subscribed").path("heartbeat_interval_seconds").asDouble(15);
                    silenceLimitNanos = Math.max(settings.minSilence().toNanos(), (long) (3 * heartbeat * 1e9));
                    subscribed = true;
                    LOG.info("following the operator event stream of {}", leader);
                }
                handler.event(event, in.available() == 0);
            }
        } finally {
            current = null;
        }
    }

    /** The master's base URL from the URL the subscription was answered at (after redirects). */
    private static URI baseOf(URI answeredAt) {
        String url = answeredAt.toString();
        return url.endsWith(API_PATH) ? URI.create(url.substring(0, url.length() - API_PATH.length())) : answeredAt;
    }

    private static void callSafely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("operator event stream handler failed", e);
        }
    }

    /** Closes a stream that stayed silent past three heartbeat intervals, so that the reader reconnects. */
    private void watch() {
        while (!closed.get()) {
            if (!sleep(WATCHDOG_TICK)) {
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

    /** Stops following: closes the open stream and waits (up to 2 s each) for both threads. */
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
