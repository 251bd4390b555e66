package io.strata.cli.config;

import com.fasterxml.jackson.core.type.TypeReference;
import io.strata.api.json.Json;
import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads and writes the settings file: {@code $STRATA_CONFIG}, else {@code $HOME/.strata/config.json}. A missing
 * file is empty settings; writes go to a temporary file first and replace the old one atomically, so a crash
 * never leaves half a file.
 */
public final class CliConfigStore {
    /** The variable naming another settings file. */
    public static final String ENV = "STRATA_CONFIG";

    private CliConfigStore() {
    }

    /** Where the settings live for this environment. */
    public static Path path(Map<String, String> env) {
        String explicit = env.getOrDefault(ENV, "");
        if (!explicit.isBlank()) {
            return Path.of(explicit);
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".strata", "config.json");
    }

    /** The settings of this environment; an unreadable or malformed file is a failure naming it. */
    public static CliConfig load(Map<String, String> env) {
        Path file = path(env);
        if (!Files.exists(file)) {
            return CliConfig.empty();
        }
        try {
            return new CliConfig(Json.mesos().readValue(file.toFile(), new TypeReference<Map<String, String>>() { }));
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILURE, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Writes {@code config}. */
    public static void save(Map<String, String> env, CliConfig config) {
        try {
            AtomicFile.write(path(env), Json.mesos().writerWithDefaultPrettyPrinter().writeValueAsBytes(config.values()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
