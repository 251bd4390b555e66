package io.strata.agent.health;

import io.strata.agent.health.HealthState.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one task's health check periodically and reports health changes and a kill request to a
 * {@link HealthListener}.
 *
 * <p>Scheduled as {@link ProbeSchedule} says: the first probe after the delay, the next ones {@code interval} after
 * each ends; {@link #close()} drops a probe in flight. The grace period is measured from {@link #start()}.
 */
public final class HealthChecker implements AutoCloseable {

    private final HealthCheckSpec spec;
    private final Probes.Probe probe;
    private final HealthListener listener;
    private final InstantSource clock;
    private final String taskName;
    private final ProbeSchedule schedule;
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
        this.schedule = new ProbeSchedule("health check of " + taskName, "strata-health-");
    }

    /** Starts checking; may be called once. */
    public void start() {
        schedule.start(spec.delaySeconds(), spec.intervalSeconds(),
                () -> state = HealthState.initial(spec.timing(), clock.millis()), this::checkOnce);
    }

    /** Stops checking; idempotent. */
    @Override
    public void close() {
        schedule.close();
    }

    private void checkOnce() {
        ProbeResult result = probe.run(Duration.ofMillis(ProbeSchedule.millis(spec.timeoutSeconds())));
        if (!schedule.running()) {
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
    }
}
