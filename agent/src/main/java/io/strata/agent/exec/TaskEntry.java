package io.strata.agent.exec;

import io.strata.agent.oci.NetworkNamespace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a command inside a running task: through its OCI runtime ({@link RuntimeContainer}) or next to its
 * process in the same cgroups and network namespace ({@link TaskProcess}). Pure: builds command lines only.
 */
public sealed interface TaskEntry {


    /** Returns the argument vector that runs {@code command} inside the task. */
    default List<String> execArgv(List<String> command) {
        return execArgv(command, false);
    }

    /**
     * Returns the argument vector that runs {@code command} inside the task; with {@code terminal} the command line
     * will itself run on a pseudo-terminal ({@link PseudoTerminal}) and should hand it on to the command.
     */
    List<String> execArgv(List<String> command, boolean terminal);

    /** Returns the environment the command runs with (empty: the runtime supplies the container's). */
    Map<String, String> environment();

    /** Returns the working directory of the launched command line. */
    Path directory();

    /**
     * Returns the pid whose network namespace holds the task's {@code 127.0.0.1}, or empty when that is the agent's own
     * (host networking): then a port is reached directly.
     */
    Optional<Long> networkPid();

    /**
     * Returns the argument vector of a relay from its stdin/stdout to {@code 127.0.0.1:port} inside the task's network
     * namespace ({@code nsenter --net} + {@code socat}, the mechanism of the agent's namespace port relays); only for
     * entries with a {@link #networkPid()}. socat waits up to an hour after one side's EOF for the other side to
     * finish, so a half-closed connection still carries its answer (its default is half a second); {@code shut-close}
     * closes its stdout as soon as the port closes, so the agent sees that end at once.
     */
    default List<String> portRelayArgv(Path socat, int port) {
        long pid = networkPid().orElseThrow(() -> new IllegalStateException("the task uses the host network"));
        return List.of(NetworkNamespace.NSENTER, "--target", Long.toString(pid), "--net", "--", socat.toString(),
                "-t", "3600", "STDIO,shut-close", "TCP:127.0.0.1:" + port);
    }

    /**
     * An image task's container, entered with {@code <runtime> --root <stateRoot> exec <id> <command>}: the command gets
     * the container's root filesystem, namespaces, cgroups, user, working directory and environment.
     *
     * @param runtime the runc or crun executable
     * @param stateRoot the runtime's state directory the agent uses
     * @param containerId the runtime's container id (the task's Mesos container id)
     * @param initPid the host pid of the container's init, or 0 when unknown
     * @param ownNetwork whether the container has a network namespace of its own
     */
    record RuntimeContainer(Path runtime, Path stateRoot, String containerId, long initPid, boolean ownNetwork)
            implements TaskEntry {

        /** Validates the parts. */
        public RuntimeContainer {
            Objects.requireNonNull(runtime, "runtime");
            Objects.requireNonNull(stateRoot, "stateRoot");
            if (containerId == null || containerId.isEmpty()) {
                throw new IllegalArgumentException("containerId is required");
            }
        }

        @Override
        public List<String> execArgv(List<String> command, boolean terminal) {
            List<String> argv = new ArrayList<>(List.of(runtime.toString(), "--root", stateRoot.toString(), "exec"));
            if (terminal) {
                // the runtime gives the container process a terminal of its own and copies it to ours
                argv.add("--tty");
            }
            argv.add(containerId);
            argv.addAll(command);
            return argv;
        }

        @Override
        public Map<String, String> environment() {
            return Map.of();
        }

        @Override
        public Path directory() {
            return stateRoot;
        }

        @Override
        public Optional<Long> networkPid() {
            return ownNetwork && initPid > 0 ? Optional.of(initPid) : Optional.empty();
        }
    }

    /**
     * A plain task's process, entered by joining its cgroups ({@code procsFiles}, written by a small shell before it
     * execs) and, when it has one of its own, its network namespace ({@code nsenter --target <pid> --net}); the command
     * runs with the task's environment in the task's sandbox.
     *
     * @param pid the task process's host pid
     * @param sandbox the task's sandbox, the working directory
     * @param environment the task's environment ({@code /proc/<pid>/environ})
     * @param procsFiles the cgroup procs files to join (see {@link CgroupMembership})
     * @param ownNetwork whether the task's network namespace differs from the agent's
     */
    record TaskProcess(long pid, Path sandbox, Map<String, String> environment, List<Path> procsFiles,
                       boolean ownNetwork) implements TaskEntry {

        /** Validates and copies the parts. */
        public TaskProcess {
            if (pid <= 1) {
                throw new IllegalArgumentException("task pid must be > 1: " + pid);
            }
            Objects.requireNonNull(sandbox, "sandbox");
            environment = Map.copyOf(environment);
            procsFiles = List.copyOf(procsFiles);
        }

        @Override
        public List<String> execArgv(List<String> command, boolean terminal) {
            List<String> argv = new ArrayList<>();
            if (!procsFiles.isEmpty()) {
                // join every group before anything runs, so the command is limited and killed with the task
                argv.addAll(List.of("/bin/sh", "-c", "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" "
                        + "|| exit 126; shift; n=$((n-1)); done; exec \"$@\"", "strata-exec",
                        Integer.toString(procsFiles.size())));
                procsFiles.forEach(file -> argv.add(file.toString()));
            }
            if (ownNetwork) {
                argv.addAll(List.of(NetworkNamespace.NSENTER, "--target", Long.toString(pid), "--net", "--"));
            }
            argv.addAll(command);
            return argv;
        }

        @Override
        public Path directory() {
            return sandbox;
        }

        @Override
        public Optional<Long> networkPid() {
            return ownNetwork ? Optional.of(pid) : Optional.empty();
        }
    }
}
