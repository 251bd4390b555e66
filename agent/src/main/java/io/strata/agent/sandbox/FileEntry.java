package io.strata.agent.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One entry of a {@code /files/browse} listing, with the fields Mesos reports: the path as requested (not with
 * symlinks resolved), size in bytes, mode as {@code ls -l} prints it, modification time in epoch seconds, link count
 * and the owner's user and group names (numbers when the name is unknown).
 */
public record FileEntry(Path path, long size, String mode, long mtimeSeconds, long nlink, String uid, String gid) {

    /** Validates the fields. */
    public FileEntry {
        Objects.requireNonNull(path, "path");
        if (size < 0 || nlink < 0) {
            throw new IllegalArgumentException("size and nlink must not be negative");
        }
        if (mode == null || mode.length() != 10) {
            throw new IllegalArgumentException("mode must look like '-rw-r--r--': " + mode);
        }
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(gid, "gid");
    }
}
