package io.strata.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import java.io.PrintStream;

/** Prints JSON for {@code --json}: pretty, two-space indented, one document followed by a newline. */
public final class JsonOutput {
    private JsonOutput() {
    }

    /** Prints {@code document} to {@code out}. */
    public static void print(JsonNode document, PrintStream out) {
        out.println(render(document));
    }

    /** The pretty text of {@code document}. */
    public static String render(JsonNode document) {
        try {
            return Json.mesos().writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
