package io.strata.packages.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The defaults a config.json schema declares, as an options document, and the merge of user options over them:
 * what Cosmos did before rendering ({@code JsonSchema.extractDefaultsFromSchema} and a deep merge).
 */
public final class SchemaDefaults {
    private SchemaDefaults() {
    }

    /**
     * The object of every {@code default} under {@code properties}, recursively: a property of type object without
     * its own default contributes the object of its children's defaults (omitted when that is empty).
     *
     * <p>Example: {@code {"properties":{"a":{"type":"object","properties":{"b":{"default":1}}}}}} gives
     * {@code {"a":{"b":1}}}.
     */
    public static ObjectNode extract(JsonNode schema) {
        ObjectNode defaults = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode child = property.getValue();
            if (child.has("default")) {
                defaults.set(property.getKey(), child.get("default").deepCopy());
            } else if (child.path("properties").isObject()) {
                ObjectNode nested = extract(child);
                if (!nested.isEmpty()) {
                    defaults.set(property.getKey(), nested);
                }
            }
        }
        return defaults;
    }

    /**
     * {@code overlay} merged over {@code base} into a new object: objects merge key by key, any other value of
     * {@code overlay} (arrays and nulls included) replaces the base value.
     */
    public static ObjectNode merge(ObjectNode base, JsonNode overlay) {
        ObjectNode merged = base.deepCopy();
        for (Map.Entry<String, JsonNode> field : overlay.properties()) {
            JsonNode current = merged.get(field.getKey());
            if (current instanceof ObjectNode currentObject && field.getValue().isObject()) {
                merged.set(field.getKey(), merge(currentObject, field.getValue()));
            } else {
                merged.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return merged;
    }
}
