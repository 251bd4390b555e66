package io.strata.dist;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.cli.StrataCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the {@code strata} command in-process, as a user would type it, capturing its output. */
final class Cli {
    private Cli() {
    }

    /** One command's outcome. */
    record Run(int code, String out, String err) {
        /** The standard output parsed as JSON (for {@code --json}). */
        JsonNode json() {
            return Json.parse(out.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs with no environment but a settings file that does not exist (a user's own is never read). */
    static Run strata(String... args) {
        return strata(Map.of(), args);
    }

    /** Runs with {@code env} (plus a non-existent settings file unless env names one). */
    static Run strata(Map<String, String> env, String... args) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putIfAbsent("STRATA_CONFIG", "/nonexistent/strata-test-config.json");
        all.putIfAbsent("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = StrataCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), all, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
