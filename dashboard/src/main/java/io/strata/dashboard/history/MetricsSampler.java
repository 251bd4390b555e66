package io.strata.dashboard.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the master's {@code /metrics/snapshot} every {@code interval} into a {@link HistoryRing} and hands each
 * stored sample to a listener (the live feed). A failed read (master down, no leader, not elected) is logged at
 * debug level and skipped: the chart shows a gap in time rather than invented values.
 *
 * <p>Lifecycle: NEW, {@link #start} once, {@link #close} once. Threading: one virtual thread samples; the
 * listener runs on it.
 */
public final class MetricsSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsSampler.class);
    private final Supplier<JsonNode> snapshots;
    private final HistoryRing ring;
    private final InstantSource clock;
    private final Duration interval;
    private final Consumer<AllocationSample> listener;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread thread;

    /**
     * A sampler reading {@code snapshots} (which throws on failure) into {@code ring}.
     *
     * @param interval the pause between samples, at least 100 ms
     */
    public MetricsSampler(Supplier<JsonNode> snapshots, HistoryRing ring, InstantSource clock, Duration interval,
                          Consumer<AllocationSample> listener) {
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("sample interval must be at least 100 ms, not " + interval);
        }
        this.snapshots = snapshots;
        this.ring = ring;
        this.clock = clock;
        this.interval = interval;
        this.listener = listener;
    }

    /** Starts sampling now and then every interval. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        thread = Thread.ofVirtual().name("strata-dashboard-sampler").start(this::run);
    }

    /** Takes one sample; returns it as stored, or empty when the master gave none. */
    public Optional<AllocationSample> sampleOnce() {
        JsonNode snapshot;
        try {
            snapshot = snapshots.get();
        } catch (RuntimeException e) {
            LOG.debug("cannot read /metrics/snapshot: {}", e.getMessage());
            return Optional.empty();
        }
        Optional<AllocationSample> sample = AllocationSample.fromSnapshot(clock.millis(), snapshot).map(ring::add);
        sample.ifPresent(listener);
        return sample;
    }

    private void run() {
        while (!closed.get()) {
            sampleOnce();
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && thread != null) {
            thread.interrupt();
        }
    }
}
