package io.strata.services.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads typed fields of a Marathon JSON object with Marathon's defaults, recording each type or range problem by
 * JSON path in a shared {@link Violations} and returning the fallback instead, so that one read reports every
 * problem of a body at once.
 */
final class FieldReader {
    private final JsonNode json;
    private final Violations violations;

    /** Reads fields of {@code json} (the top-level object), recording problems in {@code violations}. */
    FieldReader(JsonNode json, Violations violations) {
        this.json = json;
        this.violations = violations;
    }

    double number(String field, double fallback, double min, boolean integral) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || (integral && !(node.isIntegralNumber() || node.asDouble() == Math.rint(node.asDouble())))) {
            violations.typeError("/" + field, integral ? "error.expected.jsnumber.int" : "error.expected.jsnumber");
            return fallback;
        }
        double value = node.asDouble();
        if (value < min || !Double.isFinite(value)) {
            violations.add("/" + field, "got " + value + ", expected " + min + " or more");
        }
        return value;
    }

    String text(String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            violations.typeError("/" + field, "error.expected.jsstring");
            return null;
        }
        return node.asText();
    }

    boolean bool(JsonNode parent, String field, String path, boolean fallback) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            violations.typeError(path, "error.expected.jsboolean");
            return fallback;
        }
        return node.asBoolean();
    }

    int integer(JsonNode parent, String field, String path, int fallback, int min) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber()) {
            violations.typeError(path, "error.expected.jsnumber.int");
            return fallback;
        }
        if (node.asLong() < min || node.asLong() > Integer.MAX_VALUE) {
            violations.add(path, "got " + node.asLong() + ", expected " + min + " or more");
            return fallback;
        }
        return node.asInt();
    }

    List<String> strings(JsonNode node, String path) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            violations.typeError(path, "error.expected.jsarray");
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                violations.typeError(path + "(" + i + ")", "error.expected.jsstring");
            } else {
                out.add(node.get(i).asText());
            }
        }
        return out;
    }

    Map<String, String> stringMap(String field) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            violations.typeError("/" + field, "error.expected.jsobject");
            return out;
        }
        node.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().asText());
            } else {
                violations.typeError("/" + field + "/" + e.getKey(), "error.expected.jsstring");
            }
        });
        return out;
    }
}
