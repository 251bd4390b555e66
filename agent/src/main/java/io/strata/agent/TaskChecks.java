package io.strata.agent;

import io.strata.agent.health.CheckSpec;
import io.strata.agent.health.HealthCheckSpec;
import io.strata.agent.health.HealthCheckTiming;
import io.strata.agent.oci.OciRuntimeKind;
import io.strata.api.mesos.CheckInfo;
import io.strata.api.mesos.CommandInfo;
import io.strata.api.mesos.TaskInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A task's general check (Mesos {@code TaskInfo.check}) as the agent runs it, and where checks run.
 *
 * <p>Defaults as Mesos: delay 15 s, interval 10 s, timeout 20 s. Task labels {@value #SUCCESS_THRESHOLD_LABEL} and
 * {@value #FAILURE_THRESHOLD_LABEL} (Strata extensions, for Kubernetes' readiness successThreshold/failureThreshold;
 * default 1, Mesos' behaviour) set how many consecutive results change the reported one (see
 * {@link io.strata.agent.health.CheckState}).
 *
 * <p>Placement: a COMMAND health check or check of an image task runs inside its container through the OCI runtime
 * ({@code runc --root <state> exec <container> /bin/sh -c <command>}: the image's root filesystem, all the container's
 * namespaces, its environment); a plain task's command runs on the agent's file system in its sandbox. HTTP and TCP
 * probes of a group task (and a plain command) enter the group's network namespace ({@link PodProbes}).
 */
final class TaskChecks {
    /** Task label: consecutive successful check results that make a failed (or no) result a success. */
    static final String SUCCESS_THRESHOLD_LABEL = "strata.io/check-success-threshold";
    /** Task label: consecutive failed check results that make a successful result a failure. */
    static final String FAILURE_THRESHOLD_LABEL = "strata.io/check-failure-threshold";
    private static final HealthCheckTiming DEFAULT = new HealthCheckTiming(15, 10, 20, 0, 0);

    private TaskChecks() {
    }

    /**
     * The task's check, or empty when it has none.
     *
     * @throws IllegalArgumentException naming the field when the check is malformed
     */
    static Optional<CheckSpec> spec(TaskInfo task) {
        CheckInfo check = task.check();
        if (check == null) {
            return Optional.empty();
        }
        HealthCheckTiming timing = new HealthCheckTiming(
                or(check.delaySeconds(), DEFAULT.delaySeconds()), or(check.intervalSeconds(), DEFAULT.intervalSeconds()),
                or(check.timeoutSeconds(), DEFAULT.timeoutSeconds()), 0, 0);
        CheckInfo.Type type = check.type() == null ? CheckInfo.Type.UNKNOWN : check.type();
        HealthCheckSpec probe = switch (type) {
            case COMMAND -> {
                if (check.command() == null || check.command().command() == null) {
                    throw new IllegalArgumentException("check.command.command is required for a COMMAND check");
                }
                yield new HealthCheckSpec.Command(shell(check.command().command()), timing);
            }
            case HTTP -> {
                if (check.http() == null) {
                    throw new IllegalArgumentException("check.http is required for an HTTP check");
                }
                yield new HealthCheckSpec.Http("http", check.http().port(), check.http().path(), Set.of(), timing);
            }
            case TCP -> {
                if (check.tcp() == null) {
                    throw new IllegalArgumentException("check.tcp is required for a TCP check");
                }
                yield new HealthCheckSpec.Tcp(check.tcp().port(), timing);
            }
            case UNKNOWN -> throw new IllegalArgumentException("check.type must be COMMAND, HTTP or TCP");
        };
        return Optional.of(new CheckSpec(type, probe, TaskLabels.positive(task, SUCCESS_THRESHOLD_LABEL),
                TaskLabels.positive(task, FAILURE_THRESHOLD_LABEL)));
    }

    /** A command as one shell command line: a shell command as is, an argv quoted word by word. */
    static String shell(CommandInfo command) {
        if (command.isShell()) {
            if (command.value() == null || command.value().isBlank()) {
                throw new IllegalArgumentException("check.command.command.value is required for a shell command");
            }
            return command.value();
        }
        List<String> argv = command.arguments() != null && !command.arguments().isEmpty() ? command.arguments()
                : command.value() == null ? List.of() : List.of(command.value());
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("check.command.command needs a value or arguments");
        }
        return "exec " + argv.stream().map(PodProbes::quote).collect(Collectors.joining(" "));
    }

    /** The task's health check probe as run: inside its container (image command) and its group's namespace. */
    static HealthCheckSpec placeHealth(HealthCheckSpec spec, Container c, Path workDir) {
        HealthCheckSpec probe = inContainer(spec, c, workDir);
        return c.inGroup() ? TaskGroups.inNamespace(probe, c) : probe;
    }

    /** The task's check as run: inside its container (image command) and its group's namespace. */
    static CheckSpec placeCheck(CheckSpec spec, Container c, Path workDir) {
        HealthCheckSpec probe = inContainer(spec.probe(), c, workDir);
        if (c.inGroup()) {
            probe = new HealthCheckSpec.Command(PodProbes.checkCommand(probe, c.pod.netns), probe.timing());
        }
        return new CheckSpec(spec.type(), probe, spec.successThreshold(), spec.failureThreshold());
    }

    /**
     * A command probe of an image task as a command entering its container through the OCI runtime that runs it;
     * other probes, plain tasks and containers the runtime does not know (yet) unchanged.
     */
    static HealthCheckSpec inContainer(HealthCheckSpec spec, Container c, Path workDir) {
        if (!(spec instanceof HealthCheckSpec.Command command) || !ImageContainers.isImageTask(c.task)) {
            return spec;
        }
        for (OciRuntimeKind kind : OciRuntimeKind.values()) {
            Path root = workDir.resolve(kind.binaryName());
            Optional<Path> binary = kind.locate();
            if (binary.isPresent() && Files.exists(kind.stateFile(root, c.id.value()))) {
                return new HealthCheckSpec.Command(runtimeExec(binary.get(), root, c.id.value(),
                        command.shellCommand()), spec.timing());
            }
        }
        return spec;
    }

    /** The shell command running {@code shellCommand} with the container's {@code /bin/sh} inside the container. */
    static String runtimeExec(Path runtime, Path stateRoot, String containerId, String shellCommand) {
        List<String> argv = new ArrayList<>(List.of(runtime.toString(), "--root", stateRoot.toString(), "exec",
                containerId, "/bin/sh", "-c", shellCommand));
        return "exec " + argv.stream().map(PodProbes::quote).collect(Collectors.joining(" "));
    }

    private static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }
}
