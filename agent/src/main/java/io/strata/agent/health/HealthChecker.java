package io.strata.agent.health;

import io.strata.agent.health.HealthState.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task's health check periodically and reports health changes and a kill request to a
 * {@link HealthListener}.
 *
 * <p>Lifecycle NEW -> STARTED -> CLOSED: {@link #start()} schedules the first probe after the delay and the next ones
 * {@code interval} after each probe ends, on one virtual thread; {@link #close()} stops scheduling (a probe in flight
 * is interrupted and its result dropped). The grace period is measured from {@link #start()}.
 */
public final class HealthChecker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

    private enum Lifecycle { NEW, STARTED, CLOSED }

    private final HealthCheckSpec spec;
    private final Probes.Probe probe;
    private final HealthListener listener;
    private final InstantSource clock;
    private final String taskName;
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.NEW);
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("strata-health-", 0).factory());
    private HealthState state;

    /**
     * Creates a checker for one task.
     *
     * @param taskName used in log lines only
     * @param sandbox the working directory of command checks
     * @param env the task's environment for command checks
     */
    public HealthChecker(String taskName, HealthCheckSpec spec, Path sandbox, Map<String, String> env,
            HealthListener listener, InstantSource clock) {
        this.taskName = Objects.requireNonNull(taskName, "taskName");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.probe = Probes.of(spec, Objects.requireNonNull(sandbox, "sandbox"), Map.copyOf(env));
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts checking; may be called once. */
    public void start() {
        if (!lifecycle.compareAndSet(Lifecycle.NEW, Lifecycle.STARTED)) {
            throw new IllegalStateException("health checker for " + taskName + " is " + lifecycle.get());
        }
        state = HealthState.initial(spec.timing(), clock.millis());
        executor.scheduleWithFixedDelay(this::checkOnce, seconds(spec.delaySeconds()),
                seconds(spec.intervalSeconds()), TimeUnit.MILLISECONDS);
    }

    /** Stops checking; idempotent. */
    @Override
    public void close() {
        lifecycle.set(Lifecycle.CLOSED);
        executor.shutdownNow();
    }

    private void checkOnce() {
        try {
            ProbeResult result = probe.run(Duration.ofMillis(seconds(spec.timeoutSeconds())));
            if (lifecycle.get() != Lifecycle.STARTED) {
                return;
            }
            Step step = state.step(result.success(), result.message(), clock.millis());
            state = step.next();
            if (step.healthChanged()) {
                listener.onHealth(step.next().health() == HealthState.Health.HEALTHY, step.message(),
                        step.next().consecutiveFailures());
            }
            if (step.kill()) {
                listener.killRequested(step.message(), step.next().consecutiveFailures());
            }
        } catch (RuntimeException e) {
            // A throwing listener must not end the schedule (an exception would cancel it silently).
            LOG.warn("health check of {} failed unexpectedly", taskName, e);
        }
    }

    private static long seconds(double seconds) {
        return Math.round(seconds * 1000);
    }
}
