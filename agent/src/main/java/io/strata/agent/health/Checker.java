package io.strata.agent.health;

import io.strata.api.mesos.CheckStatusInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one task's general check periodically and reports changed results to a {@link CheckListener}; never kills.
 *
 * <p>Scheduled as {@link ProbeSchedule} says, as {@link HealthChecker}: the first probe after the delay, the next ones
 * {@code interval} after each ends; {@link #close()} drops a probe in flight.
 */
public final class Checker implements AutoCloseable {

    private final String taskName;
    private final CheckSpec spec;
    private final Path sandbox;
    private final Map<String, String> env;
    private final CheckListener listener;
    private final ProbeSchedule schedule;
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
        this.schedule = new ProbeSchedule("check of " + taskName, "strata-check-");
    }

    /** Starts checking; may be called once. */
    public void start() {
        schedule.start(spec.timing().delaySeconds(), spec.timing().intervalSeconds(), this::checkOnce);
    }

    /** Stops checking; idempotent. */
    @Override
    public void close() {
        schedule.close();
    }

    private void checkOnce() {
        CheckStatusInfo result = Probes.check(spec, sandbox, env,
                Duration.ofMillis(ProbeSchedule.millis(spec.timing().timeoutSeconds())));
        if (!schedule.running()) {
            return;
        }
        CheckState.Step step = state.step(result, spec.successThreshold(), spec.failureThreshold());
        state = step.next();
        if (step.report()) {
            listener.onCheck(step.next().reported());
        }
    }
}
