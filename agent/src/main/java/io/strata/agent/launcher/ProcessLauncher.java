package io.strata.agent.launcher;

import io.strata.agent.isolation.ProcFs;
import io.strata.agent.isolation.ProcStat;
import java.io.File;
import java.io.IOException;
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

    /** Creates a launcher; its poller thread starts with the first re-attach of a live supervisor. */
    public ProcessLauncher() {
    }

    /**
     * Starts the supervisor for {@code spec}; the task itself starts a moment later, inside the container's groups.
     *
     * @throws LaunchException if the sandbox or run directory is unusable or the process cannot be started
     */
    public RunningProcess launch(LaunchSpec spec) {
        try {
            Files.createDirectories(spec.runDir());
            Files.deleteIfExists(spec.runDir().resolve(SupervisorScript.EXIT_STATUS_FILE));
            Files.deleteIfExists(spec.runDir().resolve(SupervisorScript.TASK_PID_FILE));
        } catch (IOException e) {
            throw new LaunchException("cannot prepare run directory " + spec.runDir() + " for " + spec.id(), e);
        }
        ProcessBuilder builder = new ProcessBuilder(SupervisorScript.commandLine(spec.runDir(), spec.user(),
                spec.cgroupProcsFiles(), spec.command().argv()))
                .directory(spec.sandboxDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.sandboxDir().resolve(STDOUT).toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(spec.sandboxDir().resolve(STDERR).toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment(spec.env()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LaunchException("cannot start supervisor for " + spec.id() + " in " + spec.sandboxDir(), e);
        }
        long startTime = ProcFs.stat(process.pid()).map(ProcStat::startTimeTicks).orElse(Checkpoint.ALREADY_EXITED);
        CompletableFuture<ExitStatus> exit = process.onExit()
                .thenApply(ended -> statusAfterChildExit(spec.runDir(), ended.exitValue()));
        return new RunningProcess(spec.id(), process.pid(), startTime, spec.runDir(), exit);
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

    /** Stops the poller thread. */
    @Override
    public void close() {
        poller.shutdownNow();
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
        return new ExitStatus.Exited(supervisorExit);
    }

    private static Map<String, String> environment(Map<String, String> taskEnv) {
        Map<String, String> env = new HashMap<>(taskEnv);
        env.putIfAbsent("PATH", DEFAULT_PATH);
        return env;
    }
}
