package io.strata.agent.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.agent.isolation.ContainerId;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Drives {@code runc} (or {@code crun}) with {@code --root <stateRoot>}: the command the supervisor runs in the
 * foreground, plus the state, list, kill and delete commands for stopping and recovery.
 *
 * <p>Why foreground: {@code runc run} returns the container's exit status (137 after SIGKILL or an OOM kill), and a
 * detached container's init would be reaped by this host's PID 1 with its status lost (runtime.md section 1). If
 * {@code runc run} itself dies (agent crash, SIGKILL), the container keeps running: {@link #list()} finds it and
 * {@link #delete(ContainerId, boolean)} removes it. Thread-safe; every call is one short runtime process.
 */
public final class RuncRuntime {

    /** The message for an image task on an agent without an OCI runtime. */
    public static final String MISSING_RUNTIME = "image tasks need an OCI runtime: install runc (apt-get install runc) "
            + "or, on a unified cgroup v2 host, crun";
    /** What crun prints on hosts with hybrid cgroups whose v2 tree has controllers (runtime.md section 1). */
    static final String CRUN_HYBRID_ERROR = "cgroups in hybrid mode not supported";
    /** The explanation given for {@link #CRUN_HYBRID_ERROR}. */
    public static final String CRUN_HYBRID_MESSAGE = "crun cannot run containers on this host: its cgroups are hybrid "
            + "and /sys/fs/cgroup/unified has controllers (crun requires it empty); use --oci-runtime runc";
    /** How long one state, list, kill or delete call may take. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private static final Path UNIFIED_CONTROLLERS = Path.of("/sys/fs/cgroup/unified/cgroup.controllers");
    private static final Pattern SIGNAL = Pattern.compile("(SIG)?[A-Z0-9+-]{1,16}|[0-9]{1,2}");
    private static final Duration STOP_POLL = Duration.ofMillis(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OciRuntimeKind kind;
    private final Path binary;
    /** What is executed: {@link #binary}, or a link to its sealed copy ({@link #withSealedCopy()}). */
    private final Path executable;
    private final Path stateRoot;

    /**
     * Creates a runtime for an existing binary.
     *
     * @param kind which runtime {@code binary} is
     * @param binary the absolute path of the executable
     * @param stateRoot the runtime's state directory ({@code --root}), e.g. {@code <workDir>/runc}; one per agent
     */
    public RuncRuntime(OciRuntimeKind kind, Path binary, Path stateRoot) {
        this(kind, binary, binary, stateRoot);
    }

    private RuncRuntime(OciRuntimeKind kind, Path binary, Path executable, Path stateRoot) {
        this.kind = Objects.requireNonNull(kind, "kind");
        if (!binary.isAbsolute() || !stateRoot.isAbsolute()) {
            throw new IllegalArgumentException("binary and state root must be absolute: " + binary + ", " + stateRoot);
        }
        this.binary = binary;
        this.executable = executable;
        this.stateRoot = stateRoot;
    }

    /**
     * Returns this runtime running from a sealed in-memory copy of its binary ({@link SealedExecutable}), linked as
     * {@code <stateRoot>-exe/<name>}, so that each container's {@code runc init} skips re-copying itself; this
     * runtime unchanged if no copy can be made here.
     */
    public RuncRuntime withSealedCopy() {
        Path linkDir = stateRoot.resolveSibling(stateRoot.getFileName() + "-exe");
        return SealedExecutable.link(binary, linkDir)
                .map(link -> new RuncRuntime(kind, binary, link, stateRoot)).orElse(this);
    }

    /** Whether commands run from a sealed copy of the binary rather than the installed file. */
    public boolean runsSealedCopy() {
        return !executable.equals(binary);
    }

    /** Returns the runc executable, if installed (on {@code PATH}, {@code /usr/sbin} or {@code /usr/bin}). */
    public static Optional<Path> locate() {
        return OciRuntimeKind.RUNC.locate();
    }

    /**
     * Returns a runtime of the chosen kind after checking that it can work here.
     *
     * @throws OciException with {@link #MISSING_RUNTIME} (or the crun equivalent) when the binary is not installed,
     *     or {@link #CRUN_HYBRID_MESSAGE} when crun was chosen on a host whose cgroup layout it refuses
     */
    public static RuncRuntime create(OciRuntimeKind kind, Path stateRoot) {
        Path binary = kind.locate().orElseThrow(() -> new OciException(kind == OciRuntimeKind.RUNC ? MISSING_RUNTIME
                : "image tasks need an OCI runtime: crun is not installed (apt-get install crun), or use runc"));
        if (kind == OciRuntimeKind.CRUN && unifiedHasControllers()) {
            throw new OciException(CRUN_HYBRID_MESSAGE);
        }
        return new RuncRuntime(kind, binary, stateRoot);
    }

    /** Translates a runtime's error output into a clearer message when the cause is known (crun's hybrid refusal). */
    public static Optional<String> diagnose(String runtimeOutput) {
        return runtimeOutput.contains(CRUN_HYBRID_ERROR) ? Optional.of(CRUN_HYBRID_MESSAGE) : Optional.empty();
    }

    /** Returns which runtime this is. */
    public OciRuntimeKind kind() {
        return kind;
    }

    /** Returns the state directory passed as {@code --root}. */
    public Path stateRoot() {
        return stateRoot;
    }

    /**
     * Returns the command that creates, starts and waits for a container in the foreground and keeps it, stopped,
     * after it exits (until {@link #delete}); its exit status is the container's. Signals sent to it (SIGTERM, the stop signal) are forwarded to the container's init.
     */
    public List<String> runArgv(Path bundle, ContainerId id) {
        // --keep: the stopped container, and its cgroup with the kernel's OOM counters, stay until delete()
        return List.of(executable.toString(), "--root", stateRoot.toString(), "run", "--keep", "--bundle",
                bundle.toAbsolutePath().toString(), id.value());
    }

    /** Returns the container's state, or empty if the runtime does not know it (never created, or deleted). */
    public Optional<ContainerState> state(ContainerId id) {
        Result result = execute(List.of("state", id.value()));
        if (result.code() != 0) {
            if (result.notFound()) {
                return Optional.empty();
            }
            throw result.failure("state " + id);
        }
        return Optional.of(ContainerState.fromJson(parse(result.stdout())));
    }

    /** Returns every container under this runtime's state root, in the runtime's order. */
    public List<ContainerState> list() {
        if (!Files.isDirectory(stateRoot)) {
            return List.of();
        }
        Result result = execute(List.of("list", "--format", "json"));
        if (result.code() != 0) {
            throw result.failure("list");
        }
        List<ContainerState> states = new ArrayList<>();
        parse(result.stdout()).forEach(node -> states.add(ContainerState.fromJson(node)));
        return List.copyOf(states);
    }

    /**
     * Sends {@code signal} ({@code SIGQUIT}, {@code QUIT} or a number) to the container's init process.
     *
     * @return false if the container does not exist or is no longer running
     */
    public boolean kill(ContainerId id, String signal) {
        if (!SIGNAL.matcher(signal).matches()) {
            throw new IllegalArgumentException("invalid signal: '" + signal + "'");
        }
        Result result = execute(List.of("kill", id.value(), signal));
        if (result.code() == 0) {
            return true;
        }
        if (result.notFound() || result.stderr().contains("not running")) {
            return false;
        }
        throw result.failure("kill " + id + " " + signal);
    }

    /**
     * Deletes the container's state and cgroups; {@code force} kills a running container first. Deleting a container
     * that does not exist succeeds, so recovery can call it blindly.
     *
     * @throws OciException if the runtime refuses (e.g. a running container without {@code force})
     */
    public void delete(ContainerId id, boolean force) {
        Result result = execute(force ? List.of("delete", "--force", id.value()) : List.of("delete", id.value()));
        if (result.code() != 0 && !result.notFound()) {
            throw result.failure("delete " + id);
        }
    }

    /**
     * Stops a container the Mesos way: {@code stopSignal} (the image's, see {@link OciSpec#stopSignal}), then SIGKILL
     * if it still runs after {@code grace}. A container's init ignores signals it has no handler for, so SIGKILL is
     * often what ends it. Blocks for at most {@code grace} plus two runtime calls.
     *
     * @return true if the container ended within the grace period, false if it had to be killed (or was gone)
     */
    public boolean stop(ContainerId id, String stopSignal, Duration grace) {
        if (!kill(id, stopSignal)) {
            return false;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline) {
            if (state(id).map(ContainerState::isAlive).orElse(false)) {
                sleep(STOP_POLL);
            } else {
                return true;
            }
        }
        kill(id, "SIGKILL");
        return false;
    }

    private record Result(int code, String stdout, String stderr) {
        boolean notFound() {
            return stderr.contains("does not exist") || stderr.contains("No such file or directory");
        }

        OciException failure(String what) {
            String detail = stderr.isBlank() ? "exit code " + code : stderr.strip();
            return new OciException(diagnose(stderr).orElse("OCI runtime command '" + what + "' failed: " + detail));
        }
    }

    private Result execute(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--root", stateRoot.toString()));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectInput(new File("/dev/null")).start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()),
                    task -> Thread.ofVirtual().start(task));
            String stdout = readAll(process.getInputStream());
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new OciException("OCI runtime command timed out after " + COMMAND_TIMEOUT + ": " + command);
            }
            return new Result(process.exitValue(), stdout, stderr.join());
        } catch (IOException e) {
            throw new OciException("cannot run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OciException("interrupted while running " + command, e);
        }
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json.isBlank() ? "null" : json);
        } catch (IOException e) {
            throw new OciException("OCI runtime printed invalid JSON: " + json, e);
        }
    }

    private static boolean unifiedHasControllers() {
        try {
            return Files.isRegularFile(UNIFIED_CONTROLLERS) && !Files.readString(UNIFIED_CONTROLLERS).isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OciException("interrupted while stopping a container", e);
        }
    }

    @Override
    public String toString() {
        return kind.binaryName() + " --root " + stateRoot;
    }
}
