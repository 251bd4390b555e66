package io.strata.bench.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host command to completion (stdout and stderr merged) and fails loudly when it does not succeed. */
final class ExternalCommand {
    private static final long TIMEOUT_SECONDS = 300;

    private ExternalCommand() {
    }

    /** Runs {@code argv}; returns its output. Throws {@link IllegalStateException} on a non-zero exit or timeout. */
    static String run(String... argv) {
        String output = runQuietly(argv);
        if (output == null) {
            throw new IllegalStateException(String.join(" ", argv) + " failed");
        }
        return output;
    }

    /** Runs {@code argv}; returns its output, or null when it failed (the output is then printed to stderr). */
    static String runQuietly(String... argv) {
        try {
            Process p = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                System.err.println(String.join(" ", argv) + ": timed out");
                return null;
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                System.err.println(String.join(" ", argv) + ": exit " + p.exitValue() + ": " + text.strip());
                return null;
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv[0], e);
        }
    }
}
