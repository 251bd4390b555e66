package io.strata.cli.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads an {@code --options} file: a JSON object of package options. */
final class OptionsFile {
    private OptionsFile() {
    }

    /**
     * The options in {@code file}.
     *
     * @throws CliFailure {@link ExitCodes#USAGE} when it cannot be read or is not a JSON object
     */
    static JsonNode read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliFailure(ExitCodes.USAGE, "options file " + file + " does not exist");
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot read options file " + file + ": " + e.getMessage());
        }
        JsonNode options;
        try {
            options = Json.mesos().readTree(bytes);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, "options file " + file + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (options == null || !options.isObject()) {
            throw new CliFailure(ExitCodes.USAGE, "options file " + file + " must hold a JSON object");
        }
        return options;
    }
}
