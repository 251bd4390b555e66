package io.strata.agent.launcher;

import io.strata.agent.isolation.ProcFs;
import io.strata.agent.isolation.ProcStat;
import io.strata.server.trace.LaunchHop;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts task processes under the supervisor script and re-attaches to supervisors that outlived an agent.
 *
 * <p>{@link #startSpare()} starts a supervisor ahead of time (a JVM process spawn costs several milliseconds); the
 * next launch hands it its order instead of spawning on the launch path, and spawns one itself only when no spare is
 * ready. The spare is the agent's
 * child like any supervisor, so its exit status is observed the same way; it exits by itself when the agent goes.
 *
 * <p>Thread-safe. One daemon thread polls re-attached supervisors (every {@link #POLL_INTERVAL}); {@link #close()}
 * stops it, after which the exit futures of re-attached processes no longer complete.
 */
public final class ProcessLauncher implements AutoCloseable {

    /** How often a re-attached supervisor (no longer our child) is checked for exit. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    /** The {@code PATH} a task gets when its environment has none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    static final String STDOUT = "stdout";
    static final String STDERR = "stderr";

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "strata-launcher-poller");
        thread.setDaemon(true);
        return thread;
    });

    private final Object spareLock = new Object();
    /** A supervisor started ahead of the next launch, waiting for its order; taking it saves a process spawn. */
    private Process spare;
    private boolean refilling;
    private boolean closed;

    /** Creates a launcher; its poller thread starts with the first re-attach of a live supervisor. */
    public ProcessLauncher() {
    }

    /**
     * Starts the task of {@code spec} under a supervisor: the spare one (see {@link #startSpare()}) if it is ready,
     * else a new one. The task itself starts a moment later, inside the container's groups.
     *
     * @throws LaunchException if the sandbox or run directory is unusable or the process cannot be started
     */
    public RunningProcess launch(LaunchSpec spec) {
        LaunchHop.mark("agent", spec.id().value(), "launcher.entered");
        Path order = spec.runDir().resolve(SupervisorScript.ORDER_FILE);
        if (!Files.isDirectory(spec.sandboxDir())) {
            throw new LaunchException("cannot start a supervisor for " + spec.id() + ": the sandbox "
                    + spec.sandboxDir() + " is not a directory", null);
        }
        try {
            Files.createDirectories(spec.runDir());
            Files.deleteIfExists(spec.runDir().resolve(SupervisorScript.EXIT_STATUS_FILE));
            Files.deleteIfExists(spec.runDir().resolve(SupervisorScript.TASK_PID_FILE));
            Files.writeString(order, SupervisorScript.order(spec.sandboxDir(), spec.runDir(), spec.user(),
                    spec.cgroupProcsFiles(), taskEnvironment(spec), spec.command().argv()));
        } catch (IOException e) {
            throw new LaunchException("cannot prepare run directory " + spec.runDir() + " for " + spec.id(), e);
        }
        if (order.toString().indexOf('\n') >= 0) {
            throw new LaunchException("run directory path contains a newline: " + spec.runDir(), null);
        }
        Process process = takeSpare();
        if (process == null || !deliver(process, order)) {
            process = startSupervisor(spec);
            if (!deliver(process, order)) {
                process.destroyForcibly();
                throw new LaunchException("the supervisor for " + spec.id() + " ended before its order", null);
            }
        }
        LaunchHop.mark("agent", spec.id().value(), "supervisor.ordered");
        long startTime = ProcFs.stat(process.pid()).map(ProcStat::startTimeTicks).orElse(Checkpoint.ALREADY_EXITED);
        CompletableFuture<ExitStatus> exit = process.onExit()
                .thenApply(ended -> statusAfterChildExit(spec.runDir(), ended.exitValue()));
        return new RunningProcess(spec.id(), process.pid(), startTime, spec.runDir(), exit);
    }

    /** The spare supervisor if one is ready (and still alive), taking it; null otherwise. */
    private Process takeSpare() {
        Process taken;
        synchronized (spareLock) {
            taken = spare;
            spare = null;
        }
        if (taken != null && !taken.isAlive()) {
            return null;
        }
        return taken;
    }

    /** The pid of the spare supervisor, if one is ready (for tests). */
    java.util.OptionalLong sparePid() {
        synchronized (spareLock) {
            return spare == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(spare.pid());
        }
    }

    /**
     * Starts a spare supervisor in the background for the next launch, unless one is ready or being started. Callers
     * start it once a launch's TASK_RUNNING is out, so that the spawn does not compete with that update for the CPU.
     */
    public void startSpare() {
        synchronized (spareLock) {
            if (closed || spare != null || refilling) {
                return;
            }
            refilling = true;
        }
        Thread.ofPlatform().daemon().name("strata-launcher-spare").start(() -> {
            Process started = null;
            try {
                started = startSupervisor(null);
            } catch (LaunchException e) {
                // the next launch starts its own and reports the failure
            }
            synchronized (spareLock) {
                refilling = false;
                if (started != null && !closed && spare == null) {
                    spare = started;
                    started = null;
                }
            }
            if (started != null) {
                started.destroyForcibly();
            }
        });
    }

    /**
     * Starts a supervisor that waits for its order on stdin (with only {@code PATH} in its environment, its output
     * discarded until it enters the sandbox).
     */
    private static Process startSupervisor(LaunchSpec spec) {
        ProcessBuilder builder = new ProcessBuilder(SupervisorScript.commandLine())
                .directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().put("PATH", DEFAULT_PATH);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new LaunchException("cannot start a supervisor" + (spec == null ? "" : " for " + spec.id() + " in "
                    + spec.sandboxDir()), e);
        }
    }

    /** Hands the order file to a waiting supervisor; false if it is gone. */
    private static boolean deliver(Process supervisor, Path order) {
        try (OutputStream in = supervisor.getOutputStream()) {
            in.write((order + "\n").getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            supervisor.destroyForcibly();
            return false;
        }
    }

    /**
     * Re-attaches to the supervisor recorded in {@code checkpoint}: a live one is polled until it exits; for a gone
     * one the returned process is already completed with the recorded status, or with {@link ExitStatus.Unknown}.
     */
    public RunningProcess reattach(Checkpoint checkpoint) {
        CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
        if (!supervisorAlive(checkpoint)) {
            exit.complete(statusOfGone(checkpoint.runDir()));
        } else {
            AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
            task.set(poller.scheduleWithFixedDelay(() -> {
                if (!supervisorAlive(checkpoint)) {
                    exit.complete(statusOfGone(checkpoint.runDir()));
                    task.get().cancel(false);
                }
            }, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
        }
        return new RunningProcess(checkpoint.id(), checkpoint.supervisorPid(), checkpoint.startTimeTicks(),
                checkpoint.runDir(), exit);
    }

    /** Stops the poller thread and the spare supervisor. */
    @Override
    public void close() {
        poller.shutdownNow();
        Process unused;
        synchronized (spareLock) {
            closed = true;
            unused = spare;
            spare = null;
        }
        if (unused != null) {
            unused.destroy(); // closing its stdin would do as well: it exits when the order never comes
        }
    }

    private static boolean supervisorAlive(Checkpoint checkpoint) {
        return checkpoint.startTimeTicks() != Checkpoint.ALREADY_EXITED
                && ProcFs.isAlive(checkpoint.supervisorPid(), checkpoint.startTimeTicks());
    }

    private static ExitStatus statusOfGone(Path runDir) {
        return RunningProcess.readExitStatus(runDir).orElseGet(() -> new ExitStatus.Unknown(ExitStatus.Unknown.GONE));
    }

    // Our own child: the recorded status is the truth; without one, the supervisor's exit value tells what happened.
    private static ExitStatus statusAfterChildExit(Path runDir, int supervisorExit) {
        Optional<ExitStatus> recorded = RunningProcess.readExitStatus(runDir);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        if (supervisorExit == SupervisorScript.JOIN_FAILED && RunningProcess.readTaskPid(runDir).isEmpty()) {
            return new ExitStatus.LaunchFailed("the supervisor could not join the container's cgroups (exit 125)");
        }
        if (supervisorExit == SupervisorScript.SANDBOX_FAILED && RunningProcess.readTaskPid(runDir).isEmpty()) {
            return new ExitStatus.LaunchFailed("the supervisor could not enter the sandbox (exit 124)");
        }
        return new ExitStatus.Exited(supervisorExit);
    }

    /**
     * The task's environment as {@code env -i} sets it: the spec's, {@code PATH} if it has none, and {@code PWD} (the
     * sandbox) as the supervisor shell exported it to tasks before they got exactly their own environment.
     */
    private static Map<String, String> taskEnvironment(LaunchSpec spec) {
        Map<String, String> env = environment(spec.env());
        env.putIfAbsent("PWD", spec.sandboxDir().toString());
        return env;
    }

    private static Map<String, String> environment(Map<String, String> taskEnv) {
        Map<String, String> env = new HashMap<>(taskEnv);
        env.putIfAbsent("PATH", DEFAULT_PATH);
        return env;
    }
}
