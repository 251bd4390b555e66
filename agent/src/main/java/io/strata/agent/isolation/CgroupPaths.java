package io.strata.agent.isolation;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The groups prepared for one container: a child process joins the container by writing its own pid into every file
 * of {@link #procsFiles()} before it executes anything.
 *
 * <p>For {@link NoIsolator} the single "procs file" is a plain file in which the supervisor records its pid.
 */
public record CgroupPaths(ContainerId id, List<Path> groupDirs, List<Path> procsFiles) {

    /** Validates and copies the lists. */
    public CgroupPaths {
        Objects.requireNonNull(id, "id");
        groupDirs = List.copyOf(groupDirs);
        procsFiles = List.copyOf(procsFiles);
    }

    /** Returns paths whose procs files are {@code cgroup.procs} inside every group directory. */
    public static CgroupPaths ofGroups(ContainerId id, List<Path> groupDirs) {
        return new CgroupPaths(id, groupDirs, groupDirs.stream().map(dir -> dir.resolve("cgroup.procs")).toList());
    }
}
