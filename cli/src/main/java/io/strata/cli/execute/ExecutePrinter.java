package io.strata.cli.execute;

import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskStatus;
import io.strata.cli.CliEnvironment;
import io.strata.cli.ExitCodes;
import io.strata.cli.sandbox.LogFollower;
import io.strata.client.AgentClient;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The terminal side of {@code strata execute}: task states on stdout (one per line, e.g. {@code TASK_RUNNING}),
 * progress and failures on stderr, and with {@code --follow} the task's stdout streamed between them. The
 * terminal state is printed by {@link #finish} after the last of the task's output.
 */
final class ExecutePrinter implements ExecuteSession.Listener {
    private static final Duration LOG_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final CliEnvironment environment;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean follow;
    private final Duration pollInterval;
    private volatile FrameworkId frameworkId;
    private volatile LogFollower follower;

    ExecutePrinter(CliEnvironment environment, boolean follow, Duration pollInterval) {
        this.environment = environment;
        this.out = environment.out();
        this.err = environment.err();
        this.follow = follow;
        this.pollInterval = pollInterval;
    }

    @Override
    public void subscribed(FrameworkId id) {
        frameworkId = id;
        err.println("Subscribed with framework ID " + id.value() + "; waiting for an offer");
    }

    @Override
    public void waiting(Offer offer, String reason) {
        err.println("Offer from " + offer.hostname() + " does not fit (" + reason + "); still waiting");
    }

    @Override
    public void launched(TaskInfo task, Offer offer) {
        err.println("Launching task " + task.taskId().value() + " on " + offer.hostname());
        if (follow) {
            LogFollower logs = new LogFollower(new AgentClient(AgentClient.baseUri(offer), environment.transport()),
                    frameworkId.value(), task.taskId().value(), "stdout", out, pollInterval);
            logs.start();
            follower = logs;
        }
    }

    @Override
    public void statusChanged(TaskStatus status) {
        if (status.state() != null && status.state().isTerminal()) {
            return; // printed by finish(), after the task's last output
        }
        out.println(status.state() + health(status));
        out.flush();
    }

    /** Drains the followed output, prints how the run ended and returns the exit code. */
    int finish(ExecuteOutcome outcome) {
        LogFollower logs = follower;
        if (logs != null) {
            logs.finish(LOG_DRAIN_TIMEOUT).ifPresent(problem -> err.println("strata: " + problem));
        }
        switch (outcome) {
            case ExecuteOutcome.Ended ended -> {
                out.println(ended.status().state());
                if (ended.exitCode() != ExitCodes.OK) {
                    err.println(ended.describe());
                }
            }
            case ExecuteOutcome.Aborted aborted -> err.println("strata: " + aborted.message());
        }
        out.flush();
        err.flush();
        return outcome.exitCode();
    }

    private static String health(TaskStatus status) {
        if (status.healthy() == null) {
            return "";
        }
        return status.healthy() ? " (healthy)" : " (unhealthy)";
    }
}
