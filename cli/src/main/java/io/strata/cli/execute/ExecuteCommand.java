package io.strata.cli.execute;

import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.HealthCheck;
import io.strata.api.scheduler.Call;
import io.strata.cli.CliEnvironment;
import io.strata.cli.Commands;
import io.strata.cli.ExitCodes;
import io.strata.cli.MasterOptions;
import io.strata.client.SchedulerClient;
import io.strata.client.StrataClientException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code strata execute}: runs one command as a task of a one-shot framework, like {@code mesos-execute}.
 *
 * <p>Subscribes as {@value #FRAMEWORK_NAME}, launches on the first offer that fits, prints each state change on
 * stdout (progress on stderr), streams the task's stdout with {@code --follow}, and exits 0 on TASK_FINISHED,
 * else 1 after printing the final state, reason and message on stderr. The framework is torn down on every
 * exit path; Ctrl-C kills the task first.
 */
@Command(name = "execute", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run one command as a task and wait for it to end (exit 0 on TASK_FINISHED).")
public final class ExecuteCommand implements Callable<Integer> {
    /** The framework name used for every run. */
    public static final String FRAMEWORK_NAME = "strata-execute";
    /** How long to wait for the killed task's last update after a timeout. */
    static final Duration KILL_WAIT = Duration.ofSeconds(15);
    static final Duration LOG_POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;
    @Mixin
    MasterOptions master;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Task name.")
    String name;
    @Option(names = "--command", paramLabel = "CMD",
            description = "Shell command to run (required without --image; with --image it replaces the image's "
                    + "entrypoint and command).")
    String command;
    @Option(names = "--resources", paramLabel = "TEXT", defaultValue = "cpus:0.1;mem:32",
            converter = ResourceText.class,
            description = "Scalar resources as name:value;name:value (default: ${DEFAULT-VALUE}).")
    ResourceRequest resources;
    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "Environment variable (repeatable).")
    Map<String, String> environment = new LinkedHashMap<>();
    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "*",
            description = "Framework role (default: ${DEFAULT-VALUE}, unreserved).")
    String role;
    @Option(names = "--task-id", paramLabel = "ID", description = "Task id (default: NAME-<8 hex digits>).")
    String taskId;
    @Option(names = "--network", paramLabel = "MODE", defaultValue = "host",
            description = "host (default) or private: a network namespace of the task's own (needs --image); "
                    + "each --port is then reachable at a port of the agent.")
    String network;
    @Option(names = "--port", paramLabel = "PORT",
            description = "A container port to forward from the agent (private network; repeatable).")
    List<Integer> containerPorts = new ArrayList<>();
    @Option(names = "--image", paramLabel = "IMAGE", description = "Container image to run the command in.")
    String image;
    @Option(names = "--user", paramLabel = "USER", description = "User to run as (default: the current user).")
    String user;
    @Option(names = "--follow", description = "Stream the task's stdout while it runs.")
    boolean follow;
    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Give up (killing the task) after this many seconds.")
    Long timeoutSeconds;
    @Option(names = "--health-check-command", paramLabel = "CMD", description = "Shell health check command.")
    String healthCommand;
    @Option(names = "--health-check-delay", paramLabel = "SECONDS", defaultValue = "0",
            description = "Seconds before the first health check (default ${DEFAULT-VALUE}; Mesos' API default is 15).")
    double healthDelay;
    @Option(names = "--health-check-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between health checks (default: ${DEFAULT-VALUE}).")
    double healthInterval;
    @Option(names = "--health-check-grace-period", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds after start during which failures do not count (default: ${DEFAULT-VALUE}).")
    double healthGracePeriod;
    @Option(names = "--health-check-consecutive-failures", paramLabel = "N", defaultValue = "3",
            description = "Failures in a row that make the task unhealthy (default: ${DEFAULT-VALUE}).")
    int healthFailures;

    @Override
    public Integer call() {
        TaskSpec task = taskSpec();
        CliEnvironment environment = Commands.environment(spec);
        URI url = master.url(environment);
        try (SchedulerClient client = new SchedulerClient(url, environment.transport())) {
            ExecutePrinter printer = new ExecutePrinter(environment, follow, LOG_POLL);
            ExecuteSession session = new ExecuteSession(task, client::call, printer);
            AtomicBoolean tornDown = new AtomicBoolean();
            Thread interruptHook = new Thread(() -> {
                killQuietly(session);
                tearDown(client, session, tornDown);
            }, "strata-execute-interrupt");
            Runtime.getRuntime().addShutdownHook(interruptHook);
            try {
                environment.err().println("Subscribing to " + url + " as framework '" + FRAMEWORK_NAME + "'");
                client.subscribe(frameworkInfo(), session);
                ExecuteOutcome outcome = await(session);
                return printer.finish(outcome);
            } finally {
                tearDown(client, session, tornDown);
                removeHook(interruptHook);
            }
        }
    }

    /** Validates the options into the task to run. */
    TaskSpec taskSpec() {
        requireThat(!name.isBlank(), "--name must not be blank");
        requireThat(command != null || image != null, "--command is required without --image");
        requireThat(command == null || !command.isBlank(), "--command must not be blank");
        requireThat(network.equals("host") || network.equals("private"),
                "--network must be 'host' or 'private', not '" + network + "'");
        requireThat(!network.equals("private") || image != null, "--network private needs --image");
        requireThat(containerPorts.isEmpty() || network.equals("private"), "--port needs --network private");
        containerPorts.forEach(p -> requireThat(p > 0 && p <= 65535, "--port " + p + " is out of range"));
        requireThat(validRole(role), "--role '" + role + "' is not a valid role name");
        requireThat(timeoutSeconds == null || timeoutSeconds > 0, "--timeout must be positive: " + timeoutSeconds);
        environment.keySet().forEach(k -> requireThat(!k.isBlank(), "--env needs a name before '='"));
        String id = taskId != null ? taskId : name.strip() + "-" + UUID.randomUUID().toString().substring(0, 8);
        requireThat(id.chars().noneMatch(c -> Character.isWhitespace(c) || c == '/'),
                "task id '" + id + "' must not contain whitespace or '/'");
        ResourceRequest request = resources.withPorts(containerPorts.size());
        return new TaskSpec(name.strip(), id, command, environment, request, role, image, healthCheck(),
                network.equals("private"), containerPorts);
    }

    /** The FrameworkInfo of a run: one-shot (no failover), partition-aware, with the KILLING state. */
    FrameworkInfo frameworkInfo() {
        String runAs = user != null ? user : System.getProperty("user.name", "root");
        return new FrameworkInfo(runAs, FRAMEWORK_NAME, null, 0.0, false, role, null, null, null,
                List.of(new FrameworkInfo.Capability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE),
                        new FrameworkInfo.Capability(FrameworkInfo.Capability.Type.PARTITION_AWARE)),
                null);
    }

    private HealthCheck healthCheck() {
        if (healthCommand == null) {
            return null;
        }
        requireThat(healthInterval > 0, "--health-check-interval must be positive");
        requireThat(healthGracePeriod >= 0, "--health-check-grace-period must not be negative");
        requireThat(healthFailures > 0, "--health-check-consecutive-failures must be positive");
        requireThat(healthDelay >= 0 && Double.isFinite(healthDelay), "--health-check-delay must not be negative");
        return new HealthCheck(HealthCheck.Type.COMMAND, healthDelay, healthInterval, null, healthFailures,
                healthGracePeriod, new io.strata.api.mesos.CommandInfo(null, null, true, healthCommand, null, null),
                null, null);
    }

    /** Waits for the outcome; on timeout kills the task and waits briefly for its last update. */
    private ExecuteOutcome await(ExecuteSession session) {
        try {
            if (timeoutSeconds == null) {
                return session.outcome().get();
            }
            try {
                return session.outcome().get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                return timedOut(session);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killQuietly(session);
            return new ExecuteOutcome.Aborted("interrupted", ExitCodes.FAILURE);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the session's outcome never fails", e);
        }
    }

    private ExecuteOutcome timedOut(ExecuteSession session) throws InterruptedException, ExecutionException {
        String message = "timed out after " + timeoutSeconds + " s";
        if (!session.running()) {
            session.abort(message + " waiting for an offer with " + resources, ExitCodes.FAILURE);
            return session.outcome().get();
        }
        killQuietly(session);
        try {
            session.outcome().get(KILL_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException ignored) {
            // the teardown that follows kills it anyway
        }
        return new ExecuteOutcome.Aborted(message + "; the task was killed", ExitCodes.FAILURE);
    }

    private static void killQuietly(ExecuteSession session) {
        try {
            session.kill();
        } catch (StrataClientException ignored) {
            // TEARDOWN follows and kills every task of the framework
        }
    }

    /** Sends TEARDOWN once, if the framework was registered. */
    private static void tearDown(SchedulerClient client, ExecuteSession session, AtomicBoolean tornDown) {
        if (session.frameworkId() == null || !tornDown.compareAndSet(false, true)) {
            return;
        }
        try {
            client.call(Call.of(session.frameworkId(), Call.Type.TEARDOWN));
        } catch (StrataClientException | IllegalStateException ignored) {
            // the master removes a framework with failover_timeout 0 once its stream closes
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down: the hook is running
        }
    }

    /** Mesos role rules: not empty, not "." or "..", no leading '-', no '/', backspace or whitespace. */
    static boolean validRole(String role) {
        return !role.isEmpty() && !role.equals(".") && !role.equals("..") && !role.startsWith("-")
                && role.chars().noneMatch(c -> c == '/' || c == '\b' || Character.isWhitespace(c));
    }

    private void requireThat(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
