package io.strata.testing.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared libraries a host binary loads (dynamic loader included), found with {@code ldd}. */
final class LinkedLibraries {
  private LinkedLibraries() {}

  /** Absolute library paths of {@code binary} as the loader resolves them; empty for a static binary. */
  static List<String> of(Path binary) {
    try {
      Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
      String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = ldd.waitFor();
      if (output.contains("not a dynamic executable") || output.contains("statically linked")) {
        return List.of();
      }
      if (status != 0) {
        throw new IllegalStateException("ldd " + binary + " exited with " + status + ": " + output);
      }
      return parse(output);
    } catch (IOException e) {
      throw new UncheckedIOException("running ldd " + binary, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running ldd", e);
    }
  }

  /**
   * Parses {@code ldd} output: {@code "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)"} gives the path
   * after the arrow, {@code "/lib64/ld-linux-x86-64.so.2 (0x...)"} (the loader) gives its own path, and
   * {@code "linux-vdso.so.1 (0x...)"} (in the kernel, not a file) gives nothing.
   *
   * @throws IllegalStateException if a library is {@code not found}
   */
  static List<String> parse(String output) {
    List<String> paths = new ArrayList<>();
    for (String rawLine : output.split("\n")) {
      String line = rawLine.strip();
      if (line.contains("=> not found")) {
        throw new IllegalStateException("ldd: missing library: " + line);
      }
      int arrow = line.indexOf("=>");
      String candidate = arrow >= 0 ? line.substring(arrow + 2).strip() : line;
      int address = candidate.indexOf(" (");
      String path = address >= 0 ? candidate.substring(0, address) : candidate;
      if (path.startsWith("/") && !paths.contains(path)) {
        paths.add(path);
      }
    }
    return List.copyOf(paths);
  }
}
