package io.strata.agent.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The in-namespace half of private-network port forwarding: for each container port, a {@code socat} that listens on
 * a Unix socket in the sandbox ({@code <sandbox>/.ports/<port>.sock}) and connects each client to
 * {@code 127.0.0.1:<port>} inside the container's network namespace.
 *
 * <p>Started after the container runs, with
 * {@code nsenter --target <init pid> --net --pid socat UNIX-LISTEN:<port>.sock,fork,unlink-early TCP:127.0.0.1:<port>}:
 * the network namespace makes {@code 127.0.0.1} the container's loopback; the pid namespace ties the relay's life to
 * the container (the kernel kills every member when the container's init exits), so relays never outlive their
 * container, even when the agent crashed, and survive an agent restart while the container lives. The mount namespace
 * stays the host's, so the socket is a host file that the agent's {@link PortForwarder} can connect to. Each socat
 * logs to {@code <sandbox>/.ports/<port>.log}.
 */
public final class NamespaceRelay implements AutoCloseable {

    /** The sandbox subdirectory holding the relay sockets. */
    public static final String PORTS_DIR = ".ports";
    /** The message when socat is not installed. */
    public static final String MISSING_SOCAT = "private networking needs socat: install it (apt-get install socat)";
    /** How long a relay may take to create its socket. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(5);


    private final Map<Integer, Process> relays;

    private NamespaceRelay(Map<Integer, Process> relays) {
        this.relays = relays;
    }

    /** Returns the Unix socket through which {@code containerPort} of the container using {@code sandbox} is reached. */
    public static Path socketPath(Path sandbox, int containerPort) {
        return sandbox.resolve(PORTS_DIR).resolve(containerPort + ".sock");
    }

    /** Returns socat's path if installed ({@code PATH}, then {@code /usr/bin}). */
    public static Optional<Path> locateSocat() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/bin", "/usr/local/bin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "socat").toAbsolutePath())
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Starts one relay per container port and waits until every socket exists.
     *
     * @param initPid the host pid of the container's init ({@link ContainerState#pid()} from {@code runc state})
     * @param sandbox the task sandbox on the host
     * @param containerPorts the ports the container listens on
     * @throws OciException if socat is missing or a relay does not come up; relays already started are stopped
     */
    public static NamespaceRelay start(long initPid, Path sandbox, List<Integer> containerPorts) {
        return start(List.of(NetworkNamespace.NSENTER, "--target", Long.toString(initPid), "--net", "--pid"), sandbox,
                containerPorts, "container pid " + initPid);
    }

    /**
     * Starts one relay per port inside the network namespace bound to {@code netns} (a task group's, see
     * {@link NetworkNamespace}) and waits until every socket exists. Unlike {@link #start}, these relays are not tied
     * to a container's life: each relay first joins {@code procsFiles} (the group's cgroups), so that killing the group
     * ends relays a crashed agent left behind; the caller closes them when the group ends.
     *
     * @throws OciException if socat is missing or a relay does not come up; relays already started are stopped
     */
    public static NamespaceRelay startIn(Path netns, Path sandbox, List<Integer> containerPorts,
                                         List<Path> procsFiles) {
        List<String> join = new ArrayList<>(List.of("/bin/sh", "-c",
                "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 125; shift; n=$((n-1)); done; "
                        + "exec \"$@\"", "strata-relay", Integer.toString(procsFiles.size())));
        procsFiles.forEach(file -> join.add(file.toString()));
        join.add(NetworkNamespace.NSENTER);
        join.add("--net=" + netns);
        return start(join, sandbox, containerPorts, "namespace " + netns);
    }

    private static NamespaceRelay start(List<String> prefix, Path sandbox, List<Integer> containerPorts,
                                        String what) {
        Path socat = locateSocat().orElseThrow(() -> new OciException(MISSING_SOCAT));
        Path directory = sandbox.resolve(PORTS_DIR);
        NamespaceRelay relay = new NamespaceRelay(new TreeMap<>());
        try {
            Files.createDirectories(directory);
            for (int port : containerPorts) {
                if (port < 1 || port > 65_535) {
                    throw new IllegalArgumentException("container port out of range: " + port);
                }
                relay.relays.put(port, startOne(socat, prefix, directory, port));
            }
            relay.awaitSockets(sandbox);
            return relay;
        } catch (IOException | RuntimeException e) {
            relay.close();
            throw e instanceof OciException oci ? oci : new OciException(
                    "cannot start the port relay for " + what + ": " + e.getMessage(), e);
        }
    }

    /** Returns whether every relay process is still alive. */
    public boolean isAlive() {
        return relays.values().stream().allMatch(Process::isAlive);
    }

    /** Stops every relay (nsenter and its socat children); idempotent. The socket files stay (socat unlinks early). */
    @Override
    public void close() {
        for (Process process : relays.values()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : relays.values()) {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Process startOne(Path socat, List<String> prefix, Path directory, int port)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(socat.toString(), "UNIX-LISTEN:" + port + ".sock,fork,unlink-early",
                "TCP:127.0.0.1:" + port));
        // A relative socket name (cwd = the ports directory) avoids the 107-byte limit on socket paths.
        return new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(directory.resolve(port + ".log").toFile())
                .start();
    }

    private void awaitSockets(Path sandbox) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (Map.Entry<Integer, Process> entry : relays.entrySet()) {
            Path socket = socketPath(sandbox, entry.getKey());
            while (!Files.exists(socket)) {
                if (!entry.getValue().isAlive() || System.nanoTime() > deadline) {
                    Path log = sandbox.resolve(PORTS_DIR).resolve(entry.getKey() + ".log");
                    throw new OciException("port relay for container port " + entry.getKey() + " did not start: "
                            + (Files.exists(log) ? Files.readString(log).strip() : "no output"));
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OciException("interrupted while starting port relays", e);
                }
            }
        }
    }
}
