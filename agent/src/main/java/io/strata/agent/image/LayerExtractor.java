package io.strata.agent.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Unpacks one layer tar into a directory in the form overlayfs expects of a lower layer.
 *
 * <p>A whiteout {@code .wh.<name>} becomes a character device 0/0 named {@code <name>}; an opaque marker
 * {@code .wh..wh..opq} becomes the xattr {@code user.overlay.opaque=y} on its directory (overlay mounts use the
 * {@code userxattr} option, so no {@code trusted.*} xattr tool is needed). Regular files, directories, symlinks and
 * hard links keep their mode (including setuid, setgid and sticky bits), numeric owner and modification time; device
 * nodes and FIFOs are skipped. Nothing is written outside the directory: absolute names and {@code ..} components are
 * refused, no symlink is ever followed, and an entry whose parent is a symlink is refused. Extended attributes
 * (file capabilities) are not restored.
 */
final class LayerExtractor {
    /** The xattr (in the {@code user.} namespace) that marks an opaque directory for overlay mounts with userxattr. */
    static final String OPAQUE_XATTR = "overlay.opaque";
    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    /** A layer entry that would write outside the layer, or that the extractor cannot represent. */
    static final class UnsafeEntryException extends IOException {
        @Serial
        private static final long serialVersionUID = 1L;

        UnsafeEntryException(String entry, String problem) {
            super("entry '" + entry + "' " + problem);
        }
    }

    private record DirectoryMetadata(Path path, int mode, FileTime modified) {
    }

    private final Path root;
    private final List<DirectoryMetadata> directories = new ArrayList<>();
    private long bytes;

    private LayerExtractor(Path root) {
        this.root = root;
    }

    /** Wraps a layer blob stream in the decompressor its magic bytes call for: gzip, zstd or none (plain tar). */
    static InputStream decompressed(InputStream blob) throws IOException {
        InputStream in = blob.markSupported() ? blob : new BufferedInputStream(blob, 1 << 16);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            return new ZstdCompressorInputStream(in);
        }
        return in;
    }

    /**
     * Extracts the uncompressed tar stream {@code tar} into the existing directory {@code root}. The stream is read
     * to its end (tar padding included), so a digest computed over it covers every byte.
     *
     * @return the bytes of regular file content written
     * @throws UnsafeEntryException for an entry that would escape {@code root}
     */
    static long extract(InputStream tar, Path root) throws IOException {
        LayerExtractor extractor = new LayerExtractor(root);
        TarArchiveInputStream entries = new TarArchiveInputStream(tar);
        for (TarArchiveEntry entry; (entry = entries.getNextEntry()) != null; ) {
            extractor.entry(entry, entries);
        }
        tar.transferTo(OutputStream.nullOutputStream());
        extractor.finishDirectories();
        return extractor.bytes;
    }

    /** Whether {@code path} is an overlay whiteout: a character device 0/0. */
    static boolean isWhiteout(Path path) throws IOException {
        int mode = (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & S_IFMT) == S_IFCHR && ((long) Files.getAttribute(path, "unix:rdev", LinkOption.NOFOLLOW_LINKS)) == 0;
    }

    /** Whether {@code directory} carries the opaque marker. */
    static boolean isOpaque(Path directory) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(directory, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        return view != null && view.list().contains(OPAQUE_XATTR);
    }

    private void entry(TarArchiveEntry entry, InputStream content) throws IOException {
        List<String> components = components(entry.getName(), entry.getName());
        if (components.isEmpty()) {
            return; // the layer root itself ("./"): its metadata belongs to the container's root, not ours
        }
        Path parent = parentDirectory(entry.getName(), components);
        String name = components.getLast();
        if (name.equals(OPAQUE_MARKER)) {
            Files.getFileAttributeView(parent, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .write(OPAQUE_XATTR, ByteBuffer.wrap("y".getBytes(StandardCharsets.UTF_8)));
            return;
        }
        Path path = parent.resolve(name);
        if (name.startsWith(WHITEOUT_PREFIX)) {
            whiteout(entry.getName(), parent.resolve(name.substring(WHITEOUT_PREFIX.length())));
            return;
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            return; // runc provides /dev; an image cannot add devices
        }
        if (entry.isDirectory()) {
            directory(path, entry);
        } else if (entry.isSymbolicLink()) {
            replace(path);
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            owner(path, entry);
        } else if (entry.isLink()) {
            hardLink(entry, path);
        } else if (entry.isFile()) {
            replace(path);
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                bytes += content.transferTo(out);
            }
            owner(path, entry);
            Files.setAttribute(path, "unix:mode", entry.getMode() & 07777, LinkOption.NOFOLLOW_LINKS);
            Files.setLastModifiedTime(path, FileTime.from(entry.getLastModifiedTime().toInstant()));
        }
    }

    private void directory(Path path, TarArchiveEntry entry) throws IOException {
        BasicFileAttributes existing = attributes(path);
        if (existing != null && !existing.isDirectory()) {
            replace(path);
            existing = null;
        }
        if (existing == null) {
            Files.createDirectory(path);
        }
        owner(path, entry);
        // modes and times of directories are set at the end: a read-only directory would refuse its children
        directories.add(new DirectoryMetadata(path, entry.getMode() & 07777,
                FileTime.from(entry.getLastModifiedTime().toInstant())));
    }

    private void hardLink(TarArchiveEntry entry, Path path) throws IOException {
        List<String> targetComponents = components(entry.getName(), entry.getLinkName());
        if (targetComponents.isEmpty()) {
            throw new UnsafeEntryException(entry.getName(), "is a hard link to the layer root");
        }
        Path target = parentDirectory(entry.getName(), targetComponents).resolve(targetComponents.getLast());
        BasicFileAttributes attributes = attributes(target);
        if (attributes == null || attributes.isDirectory()) {
            throw new UnsafeEntryException(entry.getName(),
                    "is a hard link to '" + entry.getLinkName() + "', which is not an earlier file of the layer");
        }
        replace(path);
        Files.createLink(path, target);
    }

    private void whiteout(String entry, Path hidden) throws IOException {
        replace(hidden);
        Process mknod = new ProcessBuilder("mknod", hidden.toString(), "c", "0", "0").redirectErrorStream(true).start();
        String output = new String(mknod.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (mknod.waitFor() != 0) {
                throw new UnsafeEntryException(entry, "is a whiteout that cannot be represented (mknod: " + output + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating whiteout " + hidden, e);
        }
    }

    /**
     * The normalized components of {@code name}: leading {@code ./} and empty or {@code .} components dropped.
     *
     * @throws UnsafeEntryException for absolute names and {@code ..} components
     */
    private static List<String> components(String entry, String name) throws UnsafeEntryException {
        if (name.startsWith("/")) {
            throw new UnsafeEntryException(entry, "has an absolute path '" + name + "'");
        }
        List<String> components = new ArrayList<>();
        for (String component : name.split("/")) {
            if (component.equals("..")) {
                throw new UnsafeEntryException(entry, "has a '..' component ('" + name + "')");
            }
            if (!component.isEmpty() && !component.equals(".")) {
                components.add(component);
            }
        }
        return components;
    }

    /**
     * The directory that holds the last component, creating missing parents (mode 0755, as tar does) and refusing to
     * pass through a symlink or a non-directory.
     */
    private Path parentDirectory(String entry, List<String> components) throws IOException {
        Path directory = root;
        for (String component : components.subList(0, components.size() - 1)) {
            directory = directory.resolve(component);
            BasicFileAttributes attributes = attributes(directory);
            if (attributes == null) {
                Files.createDirectory(directory);
            } else if (attributes.isSymbolicLink()) {
                throw new UnsafeEntryException(entry, "goes through the symlink '" + root.relativize(directory) + "'");
            } else if (!attributes.isDirectory()) {
                throw new UnsafeEntryException(entry, "goes through the non-directory '" + root.relativize(directory) + "'");
            }
        }
        return directory;
    }

    /** Removes whatever is at {@code path} (a later entry replaces an earlier one), never following a symlink. */
    private static void replace(Path path) throws IOException {
        BasicFileAttributes attributes = attributes(path);
        if (attributes == null) {
            return;
        }
        if (attributes.isDirectory()) {
            deleteTree(path);
        } else {
            Files.delete(path);
        }
    }

    /** Deletes a directory tree without following symlinks. */
    static void deleteTree(Path top) throws IOException {
        Deque<Path> pending = new ArrayDeque<>();
        try (var walk = Files.walk(top)) {
            walk.forEach(pending::push);
        } catch (NoSuchFileException e) {
            return;
        }
        while (!pending.isEmpty()) {
            Files.deleteIfExists(pending.pop());
        }
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void owner(Path path, TarArchiveEntry entry) throws IOException {
        try {
            Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            // not root (a developer's unprivileged run): files stay ours, as with tar --no-same-owner
        }
    }

    private void finishDirectories() throws IOException {
        for (DirectoryMetadata directory : directories.reversed()) {
            BasicFileAttributes attributes = attributes(directory.path());
            if (attributes == null || !attributes.isDirectory()) {
                continue; // replaced by a later entry
            }
            Files.setAttribute(directory.path(), "unix:mode", directory.mode(), LinkOption.NOFOLLOW_LINKS);
            Files.setLastModifiedTime(directory.path(), directory.modified());
        }
    }
}
