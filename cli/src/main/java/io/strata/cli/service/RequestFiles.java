package io.strata.cli.service;

import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The definition files commands send as request bodies ({@code app add FILE}, {@code job add FILE}). */
public final class RequestFiles {
    private RequestFiles() {
    }

    /** The bytes of {@code file}, or of standard input for {@code -}; an unreadable file is bad input (exit 2). */
    public static byte[] read(String file) {
        try {
            return file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
