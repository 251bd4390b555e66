package io.strata.agent.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * A terminal size as a resize message carries it ({@code {"Width":W,"Height":H}}, columns and rows).
 *
 * @param width columns, 1..65535
 * @param height rows, 1..65535
 */
public record TerminalSize(int width, int height) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates both dimensions. */
    public TerminalSize {
        if (width < 1 || width > 65_535 || height < 1 || height > 65_535) {
            throw new IllegalArgumentException("terminal size must be 1..65535 x 1..65535, was " + width + "x"
                    + height);
        }
    }

    /**
     * Reads a resize message; empty for anything that is not a JSON object with positive {@code Width} and
     * {@code Height} (kubectl sends 0/0 when it has no terminal of its own: nothing to apply).
     */
    public static Optional<TerminalSize> parse(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.path("Width").canConvertToInt() || !node.path("Height").canConvertToInt()) {
                return Optional.empty();
            }
            int width = node.path("Width").asInt();
            int height = node.path("Height").asInt();
            if (width < 1 || width > 65_535 || height < 1 || height > 65_535) {
                return Optional.empty();
            }
            return Optional.of(new TerminalSize(width, height));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
