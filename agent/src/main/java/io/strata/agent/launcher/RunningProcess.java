package io.strata.agent.launcher;

import io.strata.agent.isolation.ContainerId;
import io.strata.agent.isolation.ProcFs;
import io.strata.agent.isolation.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A supervised task process, either started by this agent or re-attached after a restart.
 *
 * <p>{@link #exit()} completes exactly once, with the status the supervisor recorded when there is one. The future's
 * callbacks run on a JDK process-reaper thread or on the launcher's poller thread: keep them short.
 */
public final class RunningProcess {

    private final ContainerId id;
    private final long supervisorPid;
    private final long startTimeTicks;
    private final Path runDir;
    private final CompletableFuture<ExitStatus> exit;

    RunningProcess(ContainerId id, long supervisorPid, long startTimeTicks, Path runDir,
            CompletableFuture<ExitStatus> exit) {
        this.id = Objects.requireNonNull(id, "id");
        this.supervisorPid = supervisorPid;
        this.startTimeTicks = startTimeTicks;
        this.runDir = Objects.requireNonNull(runDir, "runDir");
        this.exit = Objects.requireNonNull(exit, "exit");
    }

    /** Returns the container this process belongs to. */
    public ContainerId id() {
        return id;
    }

    /** Returns the pid of the supervisor shell (the process the agent started). */
    public long supervisorPid() {
        return supervisorPid;
    }

    /** Returns the pid of the task itself once the supervisor has started and recorded it. */
    public OptionalLong taskPid() {
        return readTaskPid(runDir);
    }

    /** Returns a future that completes with the task's exit status; it never completes exceptionally. */
    public CompletableFuture<ExitStatus> exit() {
        return exit.copy();
    }

    /** Returns what the agent must store to re-attach after a restart. */
    public Checkpoint checkpoint() {
        return new Checkpoint(id, supervisorPid, startTimeTicks, runDir);
    }

    /**
     * Sends a signal to the task; returns whether it was delivered.
     *
     * <p>The task pid is only used while the task is still a child of our supervisor, so a recycled pid is never
     * signalled. Before the task has started, SIGTERM, SIGINT and SIGQUIT go to the supervisor, which forwards them
     * once the task exists.
     */
    public boolean signal(int signal) {
        if (exit.isDone()) {
            return false;
        }
        OptionalLong task = taskPid();
        if (task.isPresent()) {
            Optional<ProcStat> stat = ProcFs.stat(task.getAsLong());
            if (stat.isPresent() && stat.get().ppid() == supervisorPid && !stat.get().isZombie()) {
                return ProcFs.signal(task.getAsLong(), signal);
            }
            return false;
        }
        boolean forwarded = signal == ProcFs.SIGTERM || signal == ProcFs.SIGINT || signal == ProcFs.SIGQUIT;
        if (forwarded && ProcFs.isAlive(supervisorPid, startTimeTicks)) {
            return ProcFs.signal(supervisorPid, signal);
        }
        return false;
    }

    /** Reads the task pid the supervisor recorded; empty while the file is missing or still being written. */
    static OptionalLong readTaskPid(Path runDir) {
        return readNumber(runDir.resolve(SupervisorScript.TASK_PID_FILE));
    }

    /** Reads the exit status the supervisor recorded, if it has. */
    static Optional<ExitStatus> readExitStatus(Path runDir) {
        OptionalLong code = readNumber(runDir.resolve(SupervisorScript.EXIT_STATUS_FILE));
        if (code.isEmpty()) {
            return Optional.empty();
        }
        long value = code.getAsLong();
        return Optional.of(value >= 0 && value <= 255 ? new ExitStatus.Exited((int) value)
                : new ExitStatus.Unknown("unknown: supervisor recorded an invalid status " + value));
    }

    private static OptionalLong readNumber(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public String toString() {
        return "RunningProcess[" + id + ", supervisor " + supervisorPid + "]";
    }
}
