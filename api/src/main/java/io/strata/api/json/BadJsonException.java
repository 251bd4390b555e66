package io.strata.api.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;

/**
 * Malformed or ill-typed JSON in a request body; {@link #field()} names the offending field path
 * ("" for the document itself) so the HTTP layer can answer 400 with a precise message.
 */
public final class BadJsonException extends RuntimeException {
    private final String field;

    public BadJsonException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** Converts a Jackson failure into a message without stack traces or class names. */
    static BadJsonException of(JsonProcessingException e) {
        String path = "";
        if (e instanceof JsonMappingException m) {
            path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        String reason = e.getOriginalMessage();
        if (reason != null) {
            // Jackson names Java types in its messages; keep the first sentence only.
            int cut = reason.indexOf(" at [Source");
            if (cut > 0) {
                reason = reason.substring(0, cut);
            }
            reason = reason.replaceAll("`[a-zA-Z0-9_.$]+\\$([A-Za-z]+)`", "$1")
                    .replaceAll("`java\\.lang\\.([A-Za-z]+)`", "$1")
                    .replaceAll("`[a-z][a-zA-Z0-9_.]*\\.([A-Z][A-Za-z]+)`", "$1");
            int newline = reason.indexOf('\n');
            if (newline > 0) {
                reason = reason.substring(0, newline);
            }
        }
        String message = path.isEmpty() ? "Malformed JSON: " + reason
                : "Invalid field '" + path + "': " + reason;
        return new BadJsonException(path, message);
    }

    /** The JSON path of the offending field, e.g. {@code accept.offer_ids[0]}; empty for syntax errors. */
    public String field() {
        return field;
    }
}
