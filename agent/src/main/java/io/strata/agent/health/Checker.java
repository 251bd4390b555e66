package io.strata.agent.health;

import io.strata.api.mesos.CheckStatusInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task's general check periodically and reports changed results to a {@link CheckListener}; never kills.
 *
 * <p>Lifecycle NEW -> STARTED -> CLOSED as {@link HealthChecker}: the first probe after the delay, the next ones
 * {@code interval} after each ends, on one virtual thread; {@link #close()} stops it and drops a probe in flight.
 */
public final class Checker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Checker.class);

    private enum Lifecycle { NEW, STARTED, CLOSED }

    private final String taskName;
    private final CheckSpec spec;
    private final Path sandbox;
    private final Map<String, String> env;
    private final CheckListener listener;
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.NEW);
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("strata-check-", 0).factory());
    private CheckState state;

    /**
     * Creates a checker for one task.
     *
     * @param taskName used in log lines only
     * @param sandbox the working directory of command probes
     * @param env the environment of command probes
     */
    public Checker(String taskName, CheckSpec spec, Path sandbox, Map<String, String> env, CheckListener listener) {
        this.taskName = Objects.requireNonNull(taskName, "taskName");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.env = Map.copyOf(env);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.state = CheckState.initial(spec.type());
    }

    /** Starts checking; may be called once. */
    public void start() {
        if (!lifecycle.compareAndSet(Lifecycle.NEW, Lifecycle.STARTED)) {
            throw new IllegalStateException("checker for " + taskName + " is " + lifecycle.get());
        }
        executor.scheduleWithFixedDelay(this::checkOnce, millis(spec.timing().delaySeconds()),
                millis(spec.timing().intervalSeconds()), TimeUnit.MILLISECONDS);
    }

    /** Stops checking; idempotent. */
    @Override
    public void close() {
        lifecycle.set(Lifecycle.CLOSED);
        executor.shutdownNow();
    }

    private void checkOnce() {
        try {
            CheckStatusInfo result = Probes.check(spec, sandbox, env,
                    Duration.ofMillis(millis(spec.timing().timeoutSeconds())));
            if (lifecycle.get() != Lifecycle.STARTED) {
                return;
            }
            CheckState.Step step = state.step(result, spec.successThreshold(), spec.failureThreshold());
            state = step.next();
            if (step.report()) {
                listener.onCheck(step.next().reported());
            }
        } catch (RuntimeException e) {
            // A throwing listener must not end the schedule (an exception would cancel it silently).
            LOG.warn("check of {} failed unexpectedly", taskName, e);
        }
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }
}
