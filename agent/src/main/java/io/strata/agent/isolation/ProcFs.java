package io.strata.agent.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Thin access to {@code /proc} and to signals: read a process's stat, list all processes, send a signal by number.
 *
 * <p>Every method tolerates processes that vanish while being read: they are simply absent from the result.
 */
public final class ProcFs {

    /** SIGINT. */
    public static final int SIGINT = 2;
    /** SIGQUIT. */
    public static final int SIGQUIT = 3;
    /** SIGKILL. */
    public static final int SIGKILL = 9;
    /** SIGTERM. */
    public static final int SIGTERM = 15;

    private static final Path PROC = Path.of("/proc");

    private ProcFs() {
    }

    /** Returns the stat of a live or zombie process, or empty if there is no such process. */
    public static Optional<ProcStat> stat(long pid) {
        try {
            return Optional.of(ProcStat.parse(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            // ESRCH while reading (the process exited between open and read) surfaces as a generic IOException.
            return Optional.empty();
        }
    }

    /** Returns whether the process with this pid and start time is still running (zombies count as gone). */
    public static boolean isAlive(long pid, long startTimeTicks) {
        return stat(pid).filter(s -> s.startTimeTicks() == startTimeTicks && !s.isZombie()).isPresent();
    }

    /** Returns when the host booted, in epoch milliseconds, from {@code btime} in {@code /proc/stat}. */
    public static long bootTimeMillis() {
        try {
            for (String line : Files.readAllLines(PROC.resolve("stat"))) {
                if (line.startsWith("btime ")) {
                    return Long.parseLong(line.substring(6).trim()) * 1000;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/stat", e);
        }
        throw new IllegalStateException("no btime in /proc/stat");
    }

    /** Returns the stat of every process currently listed in {@code /proc}. */
    public static List<ProcStat> all() {
        List<ProcStat> result = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, ProcFs::isPidDir)) {
            for (Path entry : entries) {
                stat(Long.parseLong(entry.getFileName().toString())).ifPresent(result::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
        return result;
    }

    /**
     * Sends a signal to one process; returns false if it no longer exists.
     *
     * <p>SIGTERM and SIGKILL go through {@link ProcessHandle}; other signals through {@code /bin/kill}.
     */
    public static boolean signal(long pid, int signal) {
        if (pid <= 1) {
            throw new IllegalArgumentException("refusing to signal pid " + pid);
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return false;
        }
        return switch (signal) {
            case SIGTERM -> handle.get().destroy();
            case SIGKILL -> handle.get().destroyForcibly();
            default -> runKill(pid, signal);
        };
    }

    private static boolean runKill(long pid, int signal) {
        try {
            Process kill = new ProcessBuilder("/bin/kill", "-s", Integer.toString(signal), Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return false;
            }
            return kill.exitValue() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run /bin/kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isPidDir(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
