package io.strata.agent.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.agent.Agent;
import io.strata.agent.Container;
import io.strata.agent.oci.OciRuntimeKind;
import io.strata.api.json.Json;
import io.strata.api.mesos.ContainerInfo;
import io.strata.api.mesos.TaskStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds what to enter for a task id among the agent's containers: the OCI runtime's container of an image task, or
 * the process, cgroups, network namespace and environment of a plain task (read from {@code /proc}).
 */
public final class TaskLocator {

    /** Where a task lookup ended. */
    public sealed interface Located {
        /** The task runs: enter it through {@code entry}. */
        record Running(TaskEntry entry) implements Located {
        }

        /** No task with that id is known here (404). */
        record Unknown(String message) implements Located {
        }

        /** The task is known but cannot be entered: it ended or has not started yet (409). */
        record NotRunning(String message) implements Located {
        }
    }

    private static final Path PROC = Path.of("/proc");
    private final Agent agent;

    /** A locator over {@code agent}'s containers. */
    public TaskLocator(Agent agent) {
        this.agent = agent;
    }

    /** Looks {@code taskId} up (any framework; a running task wins over ended ones with the same id). */
    public Located locate(String taskId) {
        Optional<Container> live = agent.containers().all().stream()
                .filter(c -> c.task.taskId().value().equals(taskId))
                .min((a, b) -> Boolean.compare(a.isTerminated(), b.isTerminated()));
        if (live.isEmpty()) {
            boolean completed = agent.containers().completed().stream()
                    .anyMatch(c -> c.task.taskId().value().equals(taskId));
            return completed ? new Located.NotRunning(ended(taskId)) : new Located.Unknown(
                    "task '" + taskId + "' is not known on this agent");
        }
        Container c = live.get();
        Optional<TaskStatus> status = agent.containers().latest(c).or(c::lastStatus);
        if (c.isTerminated() || status.map(s -> s.state().isTerminal()).orElse(false)) {
            return new Located.NotRunning(ended(taskId));
        }
        try {
            return isImage(c) ? runtimeContainer(c) : taskProcess(c);
        } catch (IOException e) {
            // the process ended between the check and the /proc reads
            return new Located.NotRunning("task '" + taskId + "' is not running: " + e.getMessage());
        }
    }

    private static String ended(String taskId) {
        return "task '" + taskId + "' has finished: cannot enter a container that is not running";
    }

    private static boolean isImage(Container c) {
        ContainerInfo info = c.task.container();
        return info != null && info.mesos() != null && info.mesos().image() != null;
    }

    private Located runtimeContainer(Container c) throws IOException {
        for (OciRuntimeKind kind : OciRuntimeKind.values()) {
            Path root = agent.paths().workDir().resolve(kind.binaryName());
            Path state = kind.stateFile(root, c.id.value());
            Optional<Path> binary = kind.locate();
            if (Files.exists(state) && binary.isPresent()) {
                JsonNode node = Json.mesos().readTree(state.toFile());
                long pid = node.path(kind.pidField()).asLong(0);
                boolean ownNetwork = pid > 0 && !sameNetwork(pid);
                return new Located.Running(new TaskEntry.RuntimeContainer(binary.get(), root, c.id.value(), pid,
                        ownNetwork));
            }
        }
        return new Located.NotRunning("task '" + c.task.taskId().value() + "' has no running container yet");
    }

    private Located taskProcess(Container c) throws IOException {
        OptionalLong pid = c.taskPid();
        if (pid.isEmpty()) {
            return new Located.NotRunning("task '" + c.task.taskId().value() + "' has not started yet");
        }
        long p = pid.getAsLong();
        Path proc = PROC.resolve(Long.toString(p));
        List<Path> procsFiles = CgroupMembership.procsFilesToJoin(Files.readString(proc.resolve("cgroup")),
                Files.readString(PROC.resolve("self/cgroup")), Files.readString(PROC.resolve("self/mountinfo")));
        return new Located.Running(new TaskEntry.TaskProcess(p, c.sandbox, environment(proc), procsFiles,
                !sameNetwork(p)));
    }

    /** The process's initial environment, {@code NAME=value} entries separated by NUL bytes. */
    private static Map<String, String> environment(Path proc) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8)
                .split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    private static boolean sameNetwork(long pid) throws IOException {
        return Files.readSymbolicLink(PROC.resolve(pid + "/ns/net"))
                .equals(Files.readSymbolicLink(PROC.resolve("self/ns/net")));
    }
}
