package io.strata.packages.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Validates options against a package's config.json with networknt's JSON Schema validator (draft 4, the dialect
 * Universe schemas are written in), and names each failing option by its dotted path.
 */
public final class OptionsValidator {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final Set<String> PROPERTY_KEYWORDS = Set.of("required", "additionalProperties", "dependencies");

    private OptionsValidator() {
    }

    /**
     * The reasons {@code options} fails {@code schema}, sorted by option; empty when valid.
     *
     * @throws IllegalArgumentException when {@code schema} itself is not a usable schema
     */
    public static List<OptionError> validate(JsonNode schema, JsonNode options) {
        ObjectNode copy = schema.deepCopy();
        // Universe schemas name "http://json-schema.org/schema#" (no version): validate them as draft 4
        copy.remove("$schema");
        JsonSchema compiled;
        try {
            compiled = FACTORY.getSchema(copy);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("config.json is not a usable JSON schema: " + e.getMessage(), e);
        }
        List<OptionError> errors = new ArrayList<>();
        for (ValidationMessage message : compiled.validate(options)) {
            errors.add(new OptionError(option(message), reason(message)));
        }
        errors.sort(Comparator.comparing(OptionError::option).thenComparing(OptionError::reason));
        return errors;
    }

    private static String option(ValidationMessage message) {
        String path = message.getInstanceLocation().toString();
        path = path.equals("$") ? "" : path.startsWith("$.") ? path.substring(2) : path.substring(1);
        if (message.getProperty() != null && PROPERTY_KEYWORDS.contains(message.getType())) {
            path = path.isEmpty() ? message.getProperty() : path + "." + message.getProperty();
        }
        return path;
    }

    private static String reason(ValidationMessage message) {
        String error = message.getError();
        return error == null || error.isBlank() ? message.getMessage() : error;
    }
}
