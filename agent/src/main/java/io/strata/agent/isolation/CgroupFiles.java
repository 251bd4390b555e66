package io.strata.agent.isolation;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** File-level helpers shared by the isolators: one write per value, tolerant reads, bounded rmdir and waits. */
final class CgroupFiles {

    /** How long {@link #removeGroup} retries while the kernel reports a group busy. */
    static final Duration REMOVE_TIMEOUT = Duration.ofSeconds(3);
    /** How long a kill waits for a group to become empty. */
    static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 10;

    private CgroupFiles() {
    }

    /** Writes one value to a control file, naming the file in the failure. */
    static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new IsolationException("cannot write '" + value + "' to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a control file, or returns empty if it does not exist (the group is gone). */
    static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IsolationException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a file holding one number (or {@code max}, returned as empty). */
    static OptionalLong readLong(Path file) {
        return read(file).map(String::trim).filter(s -> !s.isEmpty() && !s.equals("max"))
                .map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
    }

    /** Returns the value of {@code key} in a flat-keyed file such as {@code memory.events} ("key value" lines). */
    static OptionalLong keyedValue(String text, String key) {
        for (String line : text.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals(key)) {
                return OptionalLong.of(Long.parseLong(parts[1]));
            }
        }
        return OptionalLong.empty();
    }

    /** Returns the pids listed in a {@code cgroup.procs} file (empty if the group is gone). */
    static Set<Long> readPids(Path procsFile) {
        Set<Long> pids = new LinkedHashSet<>();
        read(procsFile).ifPresent(text -> text.lines().map(String::trim).filter(s -> !s.isEmpty())
                .forEach(s -> pids.add(Long.parseLong(s))));
        return pids;
    }

    /** Returns the pids of a {@code cgroup.procs} file whose processes are alive (not zombies, not vanished). */
    static Set<Long> readLivePids(Path procsFile) {
        Set<Long> pids = readPids(procsFile);
        pids.removeIf(pid -> ProcFs.stat(pid).map(ProcStat::isZombie).orElse(true));
        return pids;
    }

    /** Creates a group directory and its parents. */
    static void createGroup(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IsolationException("cannot create group " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes one group directory, retrying for {@link #REMOVE_TIMEOUT} while the kernel reports it busy (exiting
     * processes are still charged to it for a moment); does nothing if it does not exist.
     */
    static void removeGroup(Path dir) {
        long deadline = System.nanoTime() + REMOVE_TIMEOUT.toNanos();
        while (true) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (DirectoryNotEmptyException e) {
                throw new IsolationException("cannot remove group " + dir + ": it has child groups or files", e);
            } catch (FileSystemException e) {
                if (System.nanoTime() > deadline) {
                    throw new IsolationException("cannot remove group " + dir + " (still busy after "
                            + REMOVE_TIMEOUT.toMillis() + " ms): " + e.getMessage(), e);
                }
                sleep(POLL_MILLIS);
            } catch (IOException e) {
                throw new IsolationException("cannot remove group " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /** Polls until {@code condition} holds or the timeout passes; returns whether it held. */
    static boolean await(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(POLL_MILLIS);
        }
        return true;
    }

    /**
     * SIGKILLs every pid the supplier lists, again and again, until it lists none (a process may fork while we kill).
     *
     * @throws IsolationException if processes remain after {@link #KILL_TIMEOUT}
     */
    static void killUntilEmpty(String what, java.util.function.Supplier<Set<Long>> pids) {
        boolean empty = await(KILL_TIMEOUT, () -> {
            Set<Long> live = pids.get();
            live.forEach(pid -> ProcFs.signal(pid, ProcFs.SIGKILL));
            return live.isEmpty();
        });
        if (!empty) {
            throw new IsolationException("processes of " + what + " survived SIGKILL for " + KILL_TIMEOUT.toMillis()
                    + " ms: " + pids.get());
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IsolationException("interrupted", e);
        }
    }

    /** Fails if a group directory exists and still holds live processes (another container run owns it). */
    static void requireUnused(ContainerId id, Path dir) {
        if (Files.isDirectory(dir) && !readLivePids(dir.resolve("cgroup.procs")).isEmpty()) {
            throw new IsolationException("cannot prepare container " + id + ": group " + dir
                    + " already holds processes");
        }
    }

    // A left-over empty group from an earlier run keeps its counters (oom_kill): remove and recreate it.
    static void createFresh(Path dir) {
        if (Files.isDirectory(dir)) {
            removeGroup(dir);
        }
        createGroup(dir);
    }

    /** Removes a parent group (such as {@code strata/<agent>}) if it has no child groups left; never fails. */
    static void removeIfUnused(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // Still in use by other containers or agents: it stays, which is harmless.
        }
    }

    static void removeQuietly(List<Path> dirs) {
        for (Path dir : dirs) {
            try {
                CgroupFiles.removeGroup(dir);
            } catch (IsolationException ignored) {
                // Best effort after a failed prepare; the original failure is what the caller needs to see.
            }
        }
    }
}
