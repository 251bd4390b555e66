package io.strata.testing.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * One image layer: its entries, the gzip-compressed tar {@link #blob()} a registry stores and the {@link #diffId()}
 * (sha256 of the uncompressed tar) that the image config lists. Built once; immutable.
 *
 * <p>Entries are written in the order they were added, all with the same modification time ({@link #MODIFIED}) and
 * empty user and group names, so equal entries always give equal digests. Parent directories are not added
 * implicitly: real layers omit them too, and extractors must cope.
 */
public final class Layer {
  /** The modification time of every entry. */
  public static final Instant MODIFIED = Instant.parse("2026-01-01T00:00:00Z");

  private final List<LayerEntry> entries;
  private final Blob blob;
  private final String diffId;
  private final long uncompressedSize;

  private Layer(List<LayerEntry> entries, Blob blob, String diffId, long uncompressedSize) {
    this.entries = List.copyOf(entries);
    this.blob = blob;
    this.diffId = diffId;
    this.uncompressedSize = uncompressedSize;
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A layer holding the tree under {@code root} (the root itself is not an entry), see {@link Builder#tree}. */
  public static Layer fromDirectory(Path root) {
    return builder().tree(root, "").build();
  }

  /** The entries in tar order. */
  public List<LayerEntry> entries() {
    return entries;
  }

  /** The gzip-compressed tar, media type {@link ImageFormat#OCI}'s layer type. */
  public Blob blob() {
    return blob;
  }

  /** {@code sha256:<hex>} of the uncompressed tar, as listed in the config's {@code rootfs.diff_ids}. */
  public String diffId() {
    return diffId;
  }

  /** Size of the uncompressed tar in bytes. */
  public long uncompressedSize() {
    return uncompressedSize;
  }

  @Override
  public String toString() {
    return "Layer[" + blob.digest() + ", " + entries.size() + " entries, " + blob.size() + " bytes]";
  }

  /** Collects entries, then writes the tar once in {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private final List<LayerEntry> entries = new ArrayList<>();
    private int compressionLevel = Deflater.DEFAULT_COMPRESSION;

    private Builder() {}

    /** Adds any entry. */
    public Builder entry(LayerEntry entry) {
      entries.add(entry);
      return this;
    }

    /** Adds a root-owned regular file. */
    public Builder file(String path, byte[] content, int mode) {
      return entry(new LayerEntry.File(path, content, mode, 0, 0));
    }

    /** Adds a root-owned regular file with UTF-8 text. */
    public Builder file(String path, String text, int mode) {
      return file(path, text.getBytes(StandardCharsets.UTF_8), mode);
    }

    /** Adds a regular file with a numeric owner. */
    public Builder file(String path, byte[] content, int mode, int uid, int gid) {
      return entry(new LayerEntry.File(path, content, mode, uid, gid));
    }

    /** Adds root-owned directories with mode 0755. */
    public Builder directories(String... paths) {
      for (String path : paths) {
        directory(path, 0755);
      }
      return this;
    }

    /** Adds a root-owned directory. */
    public Builder directory(String path, int mode) {
      return entry(new LayerEntry.Directory(path, mode, 0, 0));
    }

    /** Adds a symbolic link {@code path -> target}. */
    public Builder symlink(String path, String target) {
      return entry(new LayerEntry.Symlink(path, target));
    }

    /** Adds a hard link {@code path} to the earlier entry {@code target}. */
    public Builder hardlink(String path, String target) {
      return entry(new LayerEntry.Hardlink(path, target));
    }

    /** Deletes {@code path} of lower layers ({@code .wh.<name>}). */
    public Builder whiteout(String path) {
      return entry(new LayerEntry.Whiteout(path));
    }

    /** Empties directory {@code path} of lower layers ({@code .wh..wh..opq}). */
    public Builder opaqueWhiteout(String path) {
      return entry(new LayerEntry.OpaqueWhiteout(path));
    }

    /**
     * Adds the tree under host directory {@code root} below {@code prefix} (e.g. {@code ""} or {@code "opt/app/"}),
     * in sorted path order, keeping modes and numeric owners; files with several links become hard links to the
     * first path seen; sockets, pipes and devices are skipped.
     */
    public Builder tree(Path root, String prefix) {
      new TreeReader(this, root, prefix).read();
      return this;
    }

    /** The gzip level: 0 (stored, for incompressible data) to 9, or -1 for zlib's default (the default). */
    public Builder compressionLevel(int level) {
      if (level < Deflater.DEFAULT_COMPRESSION || level > Deflater.BEST_COMPRESSION) {
        throw new IllegalArgumentException("gzip level must be within -1..9: " + level);
      }
      this.compressionLevel = level;
      return this;
    }

    /** Writes the tar and compresses it. */
    public Layer build() {
      MessageDigest diffDigest = Blob.newSha256();
      MessageDigest blobDigest = Blob.newSha256();
      ByteArrayOutputStream compressed = new ByteArrayOutputStream();
      long size;
      try (CountingDigestStream tarBytes = new CountingDigestStream(
              gzip(new DigestOutputStream(compressed, blobDigest), compressionLevel), diffDigest);
           TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes, StandardCharsets.UTF_8.name())) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        for (LayerEntry entry : entries) {
          write(tar, entry);
        }
        tar.finish();
        size = tarBytes.count;
      } catch (IOException e) {
        throw new UncheckedIOException("writing a layer in memory", e);
      }
      String blobHex = "sha256:" + HexFormat.of().formatHex(blobDigest.digest());
      Blob blob = new Blob(ImageFormat.OCI.layerMediaType(), compressed.toByteArray(), blobHex);
      return new Layer(entries, blob, "sha256:" + HexFormat.of().formatHex(diffDigest.digest()), size);
    }

    private static OutputStream gzip(OutputStream out, int level) throws IOException {
      return new GZIPOutputStream(out, 64 * 1024) {
        {
          def.setLevel(level);
        }
      };
    }

    private static void write(TarArchiveOutputStream tar, LayerEntry entry) throws IOException {
      TarArchiveEntry header = switch (entry) {
        case LayerEntry.File file -> header(file.path(), TarConstants.LF_NORMAL, 0100000 | file.mode(),
            file.uid(), file.gid());
        case LayerEntry.Directory dir -> header(dir.path().endsWith("/") ? dir.path() : dir.path() + "/",
            TarConstants.LF_DIR, 040000 | dir.mode(), dir.uid(), dir.gid());
        case LayerEntry.Symlink link -> linkHeader(link.path(), TarConstants.LF_SYMLINK, 0120777, link.target());
        case LayerEntry.Hardlink link -> linkHeader(link.path(), TarConstants.LF_LINK, 0100644, link.target());
        case LayerEntry.Whiteout whiteout -> header(whiteout.markerPath(), TarConstants.LF_NORMAL, 0100644, 0, 0);
        case LayerEntry.OpaqueWhiteout opaque -> header(opaque.markerPath(), TarConstants.LF_NORMAL, 0100644, 0, 0);
      };
      byte[] content = entry instanceof LayerEntry.File file ? file.contentView() : new byte[0];
      header.setSize(content.length);
      tar.putArchiveEntry(header);
      tar.write(content);
      tar.closeArchiveEntry();
    }

    private static TarArchiveEntry linkHeader(String path, byte flag, int mode, String target) {
      TarArchiveEntry header = header(path, flag, mode, 0, 0);
      header.setLinkName(target);
      return header;
    }

    private static TarArchiveEntry header(String path, byte flag, int mode, int uid, int gid) {
      // preserveAbsolutePath: names are written verbatim (hostile layers are test input too)
      TarArchiveEntry header = new TarArchiveEntry(path, flag, true);
      header.setMode(mode);
      header.setUserId(uid);
      header.setGroupId(gid);
      // the default user name comes from the JVM's user.name: fix it so digests do not depend on who builds
      header.setUserName("");
      header.setGroupName("");
      header.setModTime(FileTime.from(MODIFIED));
      return header;
    }
  }

  /** Counts and digests the uncompressed tar bytes on their way to gzip. */
  private static final class CountingDigestStream extends DigestOutputStream {
    private long count;

    CountingDigestStream(OutputStream out, MessageDigest digest) {
      super(out, digest);
    }

    @Override
    public void write(int b) throws IOException {
      super.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      super.write(b, off, len);
      count += len;
    }
  }

  /** Reads a host directory tree into layer entries. */
  private record TreeReader(Builder builder, Path root, String prefix) {
    void read() {
      List<Path> paths = new ArrayList<>();
      try {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            paths.add(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            paths.add(file);
            return FileVisitResult.CONTINUE;
          }
        });
        // a parent's relative path is a prefix of its children's, so it sorts first
        paths.sort((a, b) -> root.relativize(a).toString().compareTo(root.relativize(b).toString()));
        Map<Object, String> firstPathOfInode = new HashMap<>();
        for (Path path : paths) {
          if (!path.equals(root)) {
            add(path, firstPathOfInode);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + root, e);
      }
    }

    private void add(Path path, Map<Object, String> firstPathOfInode) throws IOException {
      Map<String, Object> unix = Files.readAttributes(path, "unix:mode,uid,gid,ino,dev,nlink", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) unix.get("mode");
      int uid = (Integer) unix.get("uid");
      int gid = (Integer) unix.get("gid");
      String name = prefix + root.relativize(path).toString();
      if (Files.isSymbolicLink(path)) {
        builder.symlink(name, Files.readSymbolicLink(path).toString());
      } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        builder.entry(new LayerEntry.Directory(name, mode & 07777, uid, gid));
      } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        String first = (Integer) unix.get("nlink") > 1
            ? firstPathOfInode.putIfAbsent(List.of(unix.get("dev"), unix.get("ino")), name) : null;
        if (first != null) {
          builder.hardlink(name, first);
        } else {
          builder.file(name, Files.readAllBytes(path), mode & 07777, uid, gid);
        }
      }
    }
  }
}
