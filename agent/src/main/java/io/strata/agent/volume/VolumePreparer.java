package io.strata.agent.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a container's volumes real on the host: sandbox-path directories created (never outside their sandbox, even
 * through links a task planted there), secrets written to files in a directory of the agent's, and, for a task
 * without an image, links at the sandbox-relative container paths.
 */
public final class VolumePreparer {
    private VolumePreparer() {
    }

    /**
     * Creates each volume's source and returns the mounts in the order given.
     *
     * @param specs the parsed volumes
     * @param sandbox the task's own sandbox ({@code SELF})
     * @param parentSandbox the executor's sandbox ({@code PARENT}); empty for a task of its own
     * @param secretsDir where secret files go (created); must not be inside a sandbox
     * @throws IllegalArgumentException when a sandbox path leads outside its sandbox
     * @throws UncheckedIOException when a directory or file cannot be created
     */
    public static List<VolumeMount> prepare(List<VolumeSpec> specs, Path sandbox, Optional<Path> parentSandbox,
                                            Path secretsDir) {
        List<VolumeMount> out = new ArrayList<>();
        int secrets = 0;
        try {
            for (VolumeSpec spec : specs) {
                Path source = switch (spec) {
                    case VolumeSpec.SandboxPath p -> directoryIn(p.sandbox() == VolumeSpec.Sandbox.PARENT
                            ? parentSandbox.orElseThrow(() -> new IllegalArgumentException("volume "
                                    + p.containerPath() + " wants the PARENT sandbox of a task without a group"))
                            : sandbox, p.path());
                    case VolumeSpec.Secret s -> writeSecret(secretsDir, secrets++, s);
                };
                out.add(new VolumeMount(source, spec.containerPath(), spec.mode()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the volumes: " + e.getMessage(), e);
        }
        return List.copyOf(out);
    }

    /**
     * For a task without an image: a symbolic link at each sandbox-relative container path to its volume's source.
     * A link already pointing there (a relaunch) is kept; anything else at that path is an error.
     */
    public static void link(List<VolumeMount> mounts, Path sandbox) {
        for (VolumeMount mount : mounts) {
            if (mount.containerPath().startsWith("/")) {
                throw new IllegalArgumentException("container_path " + mount.containerPath()
                        + " must be relative for a task without an image");
            }
            Path link = sandbox.resolve(mount.containerPath());
            try {
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, mount.source());
            } catch (FileAlreadyExistsException e) {
                if (!pointsTo(link, mount.source())) {
                    throw new IllegalArgumentException("container_path " + mount.containerPath()
                            + " already exists in the sandbox", e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot link volume " + mount.containerPath() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Deletes the secret files of a container that ended (its links or mounts are gone with it). */
    public static void removeSecrets(Path secretsDir) {
        if (!Files.isDirectory(secretsDir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var files = Files.list(secretsDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(secretsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove secret files in " + secretsDir, e);
        }
    }

    private static boolean pointsTo(Path link, Path target) {
        try {
            return Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code base/relative}, its missing directories created one at a time; every link met on the way (the task may
     * have planted one in its sandbox) must resolve inside base, and nothing is created before it is checked.
     */
    private static Path directoryIn(Path base, String relative) throws IOException {
        Path realBase = base.toRealPath();
        Path current = realBase;
        for (Path segment : Path.of(relative)) {
            current = current.resolve(segment.toString());
            if (Files.isSymbolicLink(current)) {
                Path real;
                try {
                    real = current.toRealPath();
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new IllegalArgumentException("sandbox path " + relative + " goes through a dangling link", e);
                }
                if (!real.startsWith(realBase)) {
                    throw new IllegalArgumentException("sandbox path " + relative + " leads outside its sandbox "
                            + "(through a link)");
                }
                current = real;
            } else if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            }
        }
        if (!Files.isDirectory(current)) {
            throw new IllegalArgumentException("sandbox path " + relative + " exists and is not a directory");
        }
        return current;
    }

    /**
     * The secret's bytes in {@code dir/secret-<n>} with the secret's file mode, owned by the agent's user (root, as
     * upstream's kubelet writes them); the directory 0711. Atomic: the bytes and the mode are set on a temporary file
     * (created owner-only, so nothing reads it early) that is then renamed into place, so the file never exists
     * with partial content or another mode.
     */
    private static Path writeSecret(Path dir, int n, VolumeSpec.Secret secret) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path file = dir.resolve("secret-" + n);
        Path temporary = dir.resolve(".secret-" + n + ".tmp");
        Files.deleteIfExists(temporary);
        try (var channel = Files.newByteChannel(temporary, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")))) {
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(secret.data());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
        Files.setPosixFilePermissions(temporary, permissions(secret.fileMode())); // exact: no umask applies here
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** Permission bits 0..0777 as a permission set, e.g. 0640 is {@code rw-r-----}. */
    static Set<PosixFilePermission> permissions(int mode) {
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                out.add(bits[i]);
            }
        }
        return out;
    }
}
