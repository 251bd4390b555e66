package io.strata.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Cell formats shared by the tables. */
public final class Formats {
    private Formats() {
    }

    /**
     * A scalar as Mesos keeps it, at most three decimals and no trailing zeros: 32.0 is "32", 0.1 is "0.1",
     * 1.5123 is "1.512" (Mesos drops digits past the third).
     */
    public static String scalar(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(3, RoundingMode.DOWN).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    /** "used/total" of one scalar of two flat resource maps, e.g. "1.5/4". */
    public static String usedOfTotal(JsonNode used, JsonNode total, String name) {
        return scalar(used.path(name).asDouble(0)) + "/" + scalar(total.path(name).asDouble(0));
    }

    /**
     * A flat JSON map as {@code k=v} pairs joined by commas in key order ("-" when empty); numbers use
     * {@link #scalar}. Used for attributes.
     */
    public static String pairs(JsonNode map) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : sortedFields(map)) {
            JsonNode value = entry.getValue();
            pairs.add(entry.getKey() + "=" + (value.isNumber() ? scalar(value.asDouble()) : value.asText()));
        }
        return pairs.isEmpty() ? "-" : String.join(",", pairs);
    }

    /** The fields of an object, sorted by name. */
    public static List<Map.Entry<String, JsonNode>> sortedFields(JsonNode object) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
        fields.sort(Map.Entry.comparingByKey());
        return fields;
    }

    /** "true"/"false" of a JSON boolean field, "-" when absent. */
    public static String bool(JsonNode node) {
        return node.isBoolean() ? Boolean.toString(node.asBoolean()) : "-";
    }

    /** A text field, "-" when absent or empty. */
    public static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asText().isEmpty() ? "-" : node.asText();
    }
}
