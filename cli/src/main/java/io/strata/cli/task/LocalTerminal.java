package io.strata.cli.task;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The size of the terminal this CLI runs on, read with {@code stty size} on {@code /dev/tty} (the JDK has no call for
 * it); {@code strata task exec -t} sends it as the command terminal's size.
 */
final class LocalTerminal {

    private LocalTerminal() {
    }

    /** Columns and rows of the controlling terminal, or empty without one (or without stty). */
    static Optional<int[]> size() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty).redirectError(ProcessBuilder.Redirect
                    .DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return parse(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@code stty size}'s {@code "ROWS COLS"} as {columns, rows}; empty for anything else or a zero size. */
    static Optional<int[]> parse(String sttySize) {
        String[] parts = sttySize.strip().split("\\s+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            int rows = Integer.parseInt(parts[0]);
            int columns = Integer.parseInt(parts[1]);
            return rows > 0 && columns > 0 ? Optional.of(new int[] {columns, rows}) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
