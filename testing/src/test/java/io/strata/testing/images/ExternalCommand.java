package io.strata.testing.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host tools (skopeo, umoci, runc) for tests, with a timeout and the output kept in a file. */
final class ExternalCommand {
  /** What a finished command left. */
  record Result(int exitCode, String output) {}

  private ExternalCommand() {}

  /** Whether {@code tool} is an executable on the PATH. */
  static boolean onPath(String tool) {
    for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(directory, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool));
  }

  /** Runs {@code command} to completion, killing it after {@code timeout}. */
  static Result run(Duration timeout, Path log, List<String> command) {
    Process process = start(log, command);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new IllegalStateException(command + " did not finish within " + timeout + ":\n" + read(log));
      }
      return new Result(process.exitValue(), read(log));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }

  /** Runs {@code command} and fails unless it exits 0; returns its output. */
  static String check(Duration timeout, Path log, List<String> command) {
    Result result = run(timeout, log, command);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(command + " exited with " + result.exitCode() + ":\n" + result.output());
    }
    return result.output();
  }

  /** Starts {@code command} with stdin from /dev/null and stdout and stderr into {@code log}. */
  static Process start(Path log, List<String> command) {
    try {
      return new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("starting " + command, e);
    }
  }

  /** The text of a log file, or a note why there is none. */
  static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
