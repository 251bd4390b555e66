package io.strata.cli.config;

import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files the CLI owns, written to a temporary file first and moved over the old one, so a crash never leaves half. */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Replaces {@code file} with {@code bytes}, creating its folder; a failure names the file (exit 1). */
    public static void write(Path file, byte[] bytes) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILURE, "cannot write " + file + ": " + e.getMessage());
        }
    }
}
