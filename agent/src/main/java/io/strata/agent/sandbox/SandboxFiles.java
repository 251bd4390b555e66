package io.strata.agent.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The Mesos files API over the agent's sandboxes: {@link #browse} lists a directory and {@link #read} returns a
 * chunk of a file, both refusing any path that leads outside the sandboxes ({@code <work dir>/slaves/...}), whether
 * through {@code ..} or a symlink. The rest of the work directory (checkpoints with secret volumes, images, namespace
 * files) is never served, as Mesos serves only the sandboxes it attached.
 *
 * <p>Read semantics follow Mesos {@code /files/read}: offset {@code -1} means "the end" (so {@code offset=-1} returns
 * no data and the file size as offset, which is how clients learn where to start tailing), length {@code -1} means "to
 * the end", every read is capped at {@link #MAX_READ_LENGTH} bytes, and an offset at or past the end returns no data
 * with the size as offset.
 */
public final class SandboxFiles {

    /** The largest chunk one read returns: 16 pages of 4 KiB, as Mesos. */
    public static final int MAX_READ_LENGTH = 16 * 4096;

    /** The directory under the work directory that holds every sandbox. */
    private static final String SANDBOXES = "slaves";

    private final Path workDir;
    private final Path realWorkDir;

    /** Creates the files API over {@code workDir}, which must exist; relative request paths are taken from it. */
    public SandboxFiles(Path workDir) {
        this.workDir = Objects.requireNonNull(workDir, "workDir").toAbsolutePath().normalize();
        try {
            this.realWorkDir = workDir.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("work directory does not exist: " + workDir, e);
        }
    }

    /**
     * Lists a directory sorted by name (or returns the single entry of a file).
     *
     * @throws SandboxAccessException if the path is outside the work directory or does not exist
     */
    public List<FileEntry> browse(Path path) {
        Path real = resolve(path);
        Path requested = lexical(path);
        if (!Files.isDirectory(real)) {
            return List.of(entry(requested, real));
        }
        List<FileEntry> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(real)) {
            for (Path child : children.sorted().toList()) {
                Path shown = requested.resolve(child.getFileName().toString());
                if (Files.exists(child)) {
                    entries.add(entry(shown, child));
                }
            }
        } catch (IOException e) {
            throw new SandboxAccessException(SandboxAccessException.Reason.UNREADABLE,
                    "cannot list " + path + ": " + e.getMessage());
        }
        return entries;
    }

    /**
     * Reads up to {@code length} bytes at {@code offset} with Mesos semantics (see the class comment).
     *
     * @throws SandboxAccessException if the path is outside the work directory, missing, a directory, or the range is
     *     invalid
     */
    public FileChunk read(Path path, long offset, long length) {
        if (offset < -1 || length < -1) {
            throw new SandboxAccessException(SandboxAccessException.Reason.INVALID_RANGE,
                    "offset and length must be >= -1, got offset " + offset + " and length " + length);
        }
        Path real = resolve(path);
        if (Files.isDirectory(real)) {
            throw new SandboxAccessException(SandboxAccessException.Reason.IS_A_DIRECTORY,
                    "cannot read a directory: " + path);
        }
        try (FileChannel channel = FileChannel.open(real, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = offset == -1 ? size : offset;
            if (start >= size) {
                return new FileChunk(size, new byte[0]);
            }
            long wanted = length == -1 ? size - start : length;
            int toRead = (int) Math.min(Math.min(wanted, MAX_READ_LENGTH), size - start);
            ByteBuffer buffer = ByteBuffer.allocate(toRead);
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
                // A file truncated while we read simply yields fewer bytes.
            }
            byte[] data = new byte[buffer.position()];
            buffer.flip().get(data);
            return new FileChunk(start, data);
        } catch (IOException e) {
            throw new SandboxAccessException(SandboxAccessException.Reason.UNREADABLE,
                    "cannot read " + path + ": " + e.getMessage());
        }
    }

    /** Formats a POSIX {@code st_mode} as {@code ls -l} does, e.g. {@code 0100644 -> "-rw-r--r--"}. */
    static String modeString(int mode) {
        char type = switch (mode & 0170000) {
            case 0040000 -> 'd';
            case 0120000 -> 'l';
            case 0020000 -> 'c';
            case 0060000 -> 'b';
            case 0010000 -> 'p';
            case 0140000 -> 's';
            default -> '-';
        };
        StringBuilder text = new StringBuilder().append(type);
        text.append(triple(mode >> 6, (mode & 04000) != 0, 's'));
        text.append(triple(mode >> 3, (mode & 02000) != 0, 's'));
        text.append(triple(mode, (mode & 01000) != 0, 't'));
        return text.toString();
    }

    private static String triple(int bits, boolean special, char specialChar) {
        char execute = (bits & 1) != 0 ? (special ? specialChar : 'x')
                : (special ? Character.toUpperCase(specialChar) : '-');
        return "" + ((bits & 4) != 0 ? 'r' : '-') + ((bits & 2) != 0 ? 'w' : '-') + execute;
    }

    // Lexical check first (so a missing path outside the work dir reports OUTSIDE, not NOT_FOUND), then the real path.
    private Path resolve(Path path) {
        Path absolute = lexical(path);
        if (!absolute.startsWith(workDir) && !absolute.startsWith(realWorkDir)) {
            throw outside(path);
        }
        Path real;
        try {
            real = absolute.toRealPath();
        } catch (NoSuchFileException e) {
            throw new SandboxAccessException(SandboxAccessException.Reason.NOT_FOUND, "no such file: " + path);
        } catch (IOException e) {
            throw new SandboxAccessException(SandboxAccessException.Reason.UNREADABLE,
                    "cannot resolve " + path + ": " + e.getMessage());
        }
        if (!real.startsWith(realWorkDir.resolve(SANDBOXES))) {
            throw outside(path);
        }
        return real;
    }

    private Path lexical(Path path) {
        return path.isAbsolute() ? path.normalize() : workDir.resolve(path).normalize();
    }

    private static SandboxAccessException outside(Path path) {
        return new SandboxAccessException(SandboxAccessException.Reason.OUTSIDE_WORK_DIR,
                "path is outside the agent's sandboxes: " + path);
    }

    private static FileEntry entry(Path shown, Path real) {
        try {
            Map<String, Object> unix = Files.readAttributes(real, "unix:mode,size,lastModifiedTime,nlink,owner,group");
            return new FileEntry(shown, (Long) unix.get("size"), modeString((Integer) unix.get("mode")),
                    ((FileTime) unix.get("lastModifiedTime")).toMillis() / 1000, ((Number) unix.get("nlink")).longValue(),
                    ((UserPrincipal) unix.get("owner")).getName(), ((GroupPrincipal) unix.get("group")).getName());
        } catch (IOException e) {
            throw new SandboxAccessException(SandboxAccessException.Reason.UNREADABLE,
                    "cannot stat " + shown + ": " + e.getMessage());
        }
    }
}
