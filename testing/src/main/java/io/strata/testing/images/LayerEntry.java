package io.strata.testing.images;

import java.util.Arrays;

/**
 * One entry of a layer tar. Paths are relative to the image root ({@code "etc/passwd"}, no leading slash) and are
 * written verbatim, so tests can also build hostile layers ({@code "../escape"}, symlinks pointing outside).
 * Modes are permission bits including setuid, setgid and sticky ({@code 0..07777}); owners are numeric.
 */
public sealed interface LayerEntry {
  /** The path inside the image root. */
  String path();

  /** A regular file. */
  record File(String path, byte[] content, int mode, int uid, int gid) implements LayerEntry {
    /** Validates the path and mode and copies the content. */
    public File {
      requirePath(path);
      requireMode(mode);
      content = content.clone();
    }

    /** A copy of the content. */
    @Override
    public byte[] content() {
      return content.clone();
    }

    /** The content without a copy, for the tar writer. */
    byte[] contentView() {
      return content;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof File file && file.path.equals(path) && Arrays.equals(file.content, content)
          && file.mode == mode && file.uid == uid && file.gid == gid;
    }

    @Override
    public int hashCode() {
      return path.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
      return "File[" + path + ", " + content.length + " bytes, " + Integer.toOctalString(mode) + ", " + uid + ":" + gid
          + "]";
    }
  }

  /** A directory; a trailing slash is added in the tar. */
  record Directory(String path, int mode, int uid, int gid) implements LayerEntry {
    /** Validates the path and mode. */
    public Directory {
      requirePath(path);
      requireMode(mode);
    }
  }

  /** A symbolic link to {@code target}, which is stored as given (relative or absolute). */
  record Symlink(String path, String target) implements LayerEntry {
    /** Validates the path and target. */
    public Symlink {
      requirePath(path);
      requirePath(target);
    }
  }

  /** A hard link to {@code target}, a path of an earlier entry of the same layer (relative to the root). */
  record Hardlink(String path, String target) implements LayerEntry {
    /** Validates the path and target. */
    public Hardlink {
      requirePath(path);
      requirePath(target);
    }
  }

  /** Deletes {@code path} of lower layers: written as {@code <parent>/.wh.<name>}. */
  record Whiteout(String path) implements LayerEntry {
    /** Validates the path. */
    public Whiteout {
      requirePath(path);
    }

    /** The tar entry name that carries the whiteout. */
    public String markerPath() {
      int slash = path.lastIndexOf('/', path.length() - 2);
      String name = path.endsWith("/") ? path.substring(slash + 1, path.length() - 1) : path.substring(slash + 1);
      return path.substring(0, slash + 1) + ".wh." + name;
    }
  }

  /** Hides everything lower layers put in directory {@code path}: written as {@code <path>/.wh..wh..opq}. */
  record OpaqueWhiteout(String path) implements LayerEntry {
    /** Validates the path. */
    public OpaqueWhiteout {
      requirePath(path);
    }

    /** The tar entry name that carries the opaque marker. */
    public String markerPath() {
      return (path.endsWith("/") ? path : path + "/") + ".wh..wh..opq";
    }
  }

  private static void requirePath(String path) {
    if (path == null || path.isEmpty() || path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("bad path: " + path);
    }
  }

  private static void requireMode(int mode) {
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException("mode must be within 0..07777: " + Integer.toOctalString(mode));
    }
  }
}
