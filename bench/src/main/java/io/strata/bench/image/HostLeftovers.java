package io.strata.bench.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds and removes what a bench run may leave on the host: runc containers under a state root, mounts under a work
 * directory and cgroup directories of a given name in every v1 hierarchy. Every find is printed, since after a
 * clean run there should be none (a find is a bug to report, not something to hide).
 */
final class HostLeftovers {
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");

    private HostLeftovers() {
    }

    /** Force-deletes every container runc knows under {@code stateRoot}; returns how many there were. */
    static int runcContainers(Path stateRoot) {
        if (!Files.isDirectory(stateRoot)) {
            return 0;
        }
        String out = ExternalCommand.runQuietly("runc", "--root", stateRoot.toString(), "list", "-q");
        List<String> ids = out == null ? List.of() : out.lines().filter(l -> !l.isBlank()).toList();
        for (String id : ids) {
            System.out.println("leftover runc container " + id + " under " + stateRoot + ": deleting");
            ExternalCommand.runQuietly("runc", "--root", stateRoot.toString(), "delete", "--force", id);
        }
        return ids.size();
    }

    /** Unmounts every mount point under {@code root}, deepest first; returns how many there were. */
    static int mounts(Path root) {
        String prefix = root.toAbsolutePath().normalize().toString() + "/";
        List<String> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ");
                String point = fields[4].replace("\\040", " ");
                if (point.startsWith(prefix)) {
                    found.add(point);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(Comparator.comparingInt(String::length).reversed());
        for (String point : found) {
            System.out.println("leftover mount " + point + ": unmounting");
            ExternalCommand.runQuietly("umount", "-l", point);
        }
        return found.size();
    }

    /**
     * Removes {@code /sys/fs/cgroup/<hierarchy>/<relative>} and the groups below it in every hierarchy, killing
     * processes still inside; returns the number of groups that held processes.
     */
    static int cgroups(String relative) {
        int busy = 0;
        try (Stream<Path> hierarchies = Files.list(CGROUP)) {
            for (Path hierarchy : hierarchies.filter(Files::isDirectory).toList()) {
                Path top = hierarchy.resolve(relative);
                if (!Files.isDirectory(top) || Files.isSymbolicLink(hierarchy)) {
                    continue;
                }
                busy += removeGroup(top);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return busy;
    }

    private static int removeGroup(Path top) throws IOException {
        List<Path> groups;
        try (Stream<Path> walk = Files.walk(top)) {
            groups = walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
        }
        int busy = 0;
        for (Path group : groups) {
            Path procs = group.resolve("cgroup.procs");
            List<String> pids = Files.isRegularFile(procs) ? Files.readAllLines(procs) : List.of();
            if (!pids.isEmpty()) {
                busy++;
                System.out.println("leftover processes " + pids + " in " + group + ": killing");
                pids.forEach(pid -> ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly));
                sleepBriefly();
            }
            try {
                Files.deleteIfExists(group);
            } catch (IOException e) {
                System.out.println("cannot remove cgroup " + group + ": " + e.getMessage());
            }
        }
        return busy;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
