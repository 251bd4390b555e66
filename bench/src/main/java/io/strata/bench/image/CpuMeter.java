package io.strata.bench.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent by this JVM, its child processes and a few cgroups (cgroup v1 {@code cpuacct}, which counts a
 * group's descendants and keeps what removed children used): CPU per container, which a loaded machine inflates far
 * less than wall-clock time. {@link #join(String)} moves this JVM into a group of its own, so that the master, the
 * agent, supervisors and runc processes it starts are counted, and runc init once it joins a container's group
 * is counted through that group's ancestor ({@link #nanos(String...)}).
 */
final class CpuMeter implements AutoCloseable {
    private static final Path CPUACCT = Path.of("/sys/fs/cgroup/cpuacct");
    private final Path own;

    private CpuMeter(Path own) {
        this.own = own;
    }

    /** Creates {@code cpuacct:/<name>} and moves this JVM (every thread) into it. */
    static CpuMeter join(String name) {
        Path group = CPUACCT.resolve(name);
        try {
            Files.createDirectories(group);
            Files.writeString(group.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot join cpuacct group " + group, e);
        }
        return new CpuMeter(group);
    }

    /** CPU nanoseconds of this JVM's group plus each of {@code groups} (paths under the cpuacct root; absent = 0). */
    long nanos(String... groups) {
        long total = usage(own);
        for (String g : groups) {
            total += usage(CPUACCT.resolve(g.startsWith("/") ? g.substring(1) : g));
        }
        return total;
    }

    private static long usage(Path group) {
        try {
            return Long.parseLong(Files.readString(group.resolve("cpuacct.usage")).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Moves this JVM back to the root group and removes its own (children that still live keep it busy). */
    @Override
    public void close() {
        try {
            Files.writeString(CPUACCT.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
            Files.deleteIfExists(own);
        } catch (IOException e) {
            System.out.println("cannot remove cpuacct group " + own + ": " + e.getMessage());
        }
    }
}
