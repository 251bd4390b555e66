package io.strata.agent.health;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule of one task's periodic probe, shared by health checks and general checks.
 *
 * <p>Lifecycle NEW -> STARTED -> CLOSED: {@link #start} runs the probe first after the delay and then
 * {@code interval} after each run ends, on one virtual thread; {@link #close()} stops scheduling and interrupts a run
 * in flight, whose result the caller drops when {@link #running()} has turned false. A run that throws is logged and
 * does not end the schedule (an exception would cancel it silently).
 */
final class ProbeSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeSchedule.class);

    private enum Lifecycle { NEW, STARTED, CLOSED }

    private final String what;
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.NEW);
    private final ScheduledExecutorService executor;

    /** A schedule for {@code what} (as messages name it) on virtual threads {@code threadPrefix<n>}. */
    ProbeSchedule(String what, String threadPrefix) {
        this.what = Objects.requireNonNull(what, "what");
        this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name(threadPrefix, 0).factory());
    }

    /**
     * Starts running {@code run}; may be called once.
     *
     * @throws IllegalStateException if already started or closed
     */
    void start(double delaySeconds, double intervalSeconds, Runnable run) {
        start(delaySeconds, intervalSeconds, () -> { }, run);
    }

    /**
     * As {@link #start(double, double, Runnable)}, with {@code onStart} run first, once, only when this call starts
     * the schedule (to set up the state the runs use).
     */
    void start(double delaySeconds, double intervalSeconds, Runnable onStart, Runnable run) {
        if (!lifecycle.compareAndSet(Lifecycle.NEW, Lifecycle.STARTED)) {
            throw new IllegalStateException(what + " is " + lifecycle.get());
        }
        onStart.run();
        executor.scheduleWithFixedDelay(() -> {
            try {
                run.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed unexpectedly", what, e);
            }
        }, millis(delaySeconds), millis(intervalSeconds), TimeUnit.MILLISECONDS);
    }

    /** Whether the schedule is started and not closed: a probe's result is used only then. */
    boolean running() {
        return lifecycle.get() == Lifecycle.STARTED;
    }

    /** Stops scheduling; idempotent. */
    @Override
    public void close() {
        lifecycle.set(Lifecycle.CLOSED);
        executor.shutdownNow();
    }

    /** Seconds as whole milliseconds. */
    static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }
}
