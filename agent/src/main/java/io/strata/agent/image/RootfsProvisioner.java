package io.strata.agent.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each container a writable root over the shared read-only layers of its image: an overlayfs mount at
 * {@code <containerDir>/rootfs} with {@code upper/} and {@code work/} beside it, or, where overlayfs cannot be
 * mounted, a full copy of the layers with whiteouts and opaque directories applied.
 *
 * <p>The layers are never written: the overlay sends changes to {@code upper/}; the copy is private. Overlay mounts
 * use {@code userxattr}, matching the {@code user.overlay.opaque} marks that {@link LayerExtractor} writes. Needs
 * root (mount, and chown in the copy). Thread-safe; each container directory belongs to one caller at a time.
 */
public final class RootfsProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(RootfsProvisioner.class);

    private final boolean overlay;

    /** A provisioner that mounts overlayfs and copies only when the mount fails. */
    public RootfsProvisioner() {
        this(true);
    }

    /** A provisioner that mounts overlayfs when {@code overlay} is true and always copies otherwise. */
    public RootfsProvisioner(boolean overlay) {
        this.overlay = overlay;
    }

    /**
     * Prepares the root filesystem of a container from {@code image} under {@code containerDir} (created if missing).
     *
     * @return {@code <containerDir>/rootfs}, writable, showing the image's files
     * @throws UncheckedIOException when neither the overlay nor the copy could be made
     */
    public Path provision(Image image, Path containerDir) {
        Path rootfs = containerDir.resolve("rootfs");
        try {
            Files.createDirectories(rootfs);
            if (overlay) {
                String failure = mountOverlay(image, containerDir, rootfs);
                if (failure == null) {
                    return rootfs;
                }
                LOG.warn("image {}: overlay mount failed ({}); copying its {} layers into {} instead",
                        image.reference(), failure, image.layers().size(), rootfs);
                LayerExtractor.deleteTree(containerDir.resolve("upper"));
                LayerExtractor.deleteTree(containerDir.resolve("work"));
            }
            for (Path layer : image.layers()) {
                copyLayer(layer, rootfs);
            }
            return rootfs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot provision the root filesystem of " + image.reference()
                    + " in " + containerDir, e);
        }
    }

    /**
     * Unmounts (if mounted) and deletes what {@link #provision} made under {@code containerDir}; other files there
     * (the sandbox, a bundle's config.json) stay. Idempotent.
     *
     * @throws UncheckedIOException when the rootfs stays mounted; then nothing is deleted
     */
    public void release(Path containerDir) {
        Path rootfs = containerDir.resolve("rootfs");
        try {
            if (mounted(rootfs)) {
                String failure = run("umount", rootfs.toString());
                if (failure != null && mounted(rootfs)) {
                    throw new IOException("umount " + rootfs + ": " + failure);
                }
            }
            for (String part : List.of("rootfs", "upper", "work", "lower-empty")) {
                LayerExtractor.deleteTree(containerDir.resolve(part));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the root filesystem in " + containerDir, e);
        }
    }

    /** Whether {@code path} is a mount point, from /proc/self/mountinfo. */
    static boolean mounted(Path path) throws IOException {
        String wanted = path.toAbsolutePath().normalize().toString();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] fields = line.split(" ");
            if (fields.length > 4 && unescape(fields[4]).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** Mounts the overlay; returns null on success, the reason otherwise. */
    private static String mountOverlay(Image image, Path containerDir, Path rootfs) throws IOException {
        List<Path> lower = new ArrayList<>(image.layers().reversed());
        if (lower.isEmpty()) {
            Path empty = Files.createDirectories(containerDir.resolve("lower-empty"));
            lower.add(empty);
        }
        Path upper = Files.createDirectories(containerDir.resolve("upper"));
        Path work = Files.createDirectories(containerDir.resolve("work"));
        String options = "userxattr,lowerdir=" + lower.stream().map(p -> p.toAbsolutePath().toString())
                .collect(Collectors.joining(":")) + ",upperdir=" + upper.toAbsolutePath() + ",workdir="
                + work.toAbsolutePath();
        if (options.length() > 4000) {
            return "mount options exceed a page (" + image.layers().size() + " layers)";
        }
        return run("mount", "-t", "overlay", "overlay", "-o", options, rootfs.toAbsolutePath().toString());
    }

    /** Copies one layer over {@code rootfs}, applying its whiteouts and opaque directories to what lies below. */
    private static void copyLayer(Path layer, Path rootfs) throws IOException {
        Files.walkFileTree(layer, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Path target = rootfs.resolve(layer.relativize(directory).toString());
                if (!directory.equals(layer)) {
                    BasicFileAttributes existing = attributesOrNull(target);
                    if (existing != null && (!existing.isDirectory() || LayerExtractor.isOpaque(directory))) {
                        LayerExtractor.deleteTree(target);
                    }
                    if (attributesOrNull(target) == null) {
                        Files.createDirectory(target);
                    }
                    copyOwnerAndMode(directory, target);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path target = rootfs.resolve(layer.relativize(file).toString());
                if (attributesOrNull(target) != null) {
                    LayerExtractor.deleteTree(target);
                }
                if (attributes.isOther() && LayerExtractor.isWhiteout(file)) {
                    return FileVisitResult.CONTINUE; // the lower file stays deleted
                }
                if (attributes.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else if (attributes.isRegularFile()) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                if (attributes.isSymbolicLink() || attributes.isRegularFile()) {
                    copyOwnerAndMode(file, target);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void copyOwnerAndMode(Path source, Path target) throws IOException {
        for (String attribute : List.of("unix:uid", "unix:gid")) {
            Files.setAttribute(target, attribute, Files.getAttribute(source, attribute, LinkOption.NOFOLLOW_LINKS),
                    LinkOption.NOFOLLOW_LINKS);
        }
        if (!Files.isSymbolicLink(source)) {
            Files.setAttribute(target, "unix:mode", Files.getAttribute(source, "unix:mode"));
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(target, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) && view.list().contains(LayerExtractor.OPAQUE_XATTR)) {
            view.delete(LayerExtractor.OPAQUE_XATTR); // the copy is merged: no overlay will read the mark
        }
    }

    private static BasicFileAttributes attributesOrNull(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /** Runs a command; returns null on exit 0, else its output. */
    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            int status = process.waitFor();
            return status == 0 ? null : "exit " + status + (output.isEmpty() ? "" : ": " + output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + command[0], e);
        }
    }

    private static String unescape(String mountinfoPath) {
        // mountinfo escapes space, tab, newline and backslash as octal
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < mountinfoPath.length(); i++) {
            char c = mountinfoPath.charAt(i);
            if (c == '\\' && i + 3 < mountinfoPath.length()) {
                out.append((char) Integer.parseInt(mountinfoPath.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
