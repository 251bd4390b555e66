package io.strata.kubernetes.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code fieldsV1} set of a managedFields entry from the fields a request set: {@code f:<field>} for
 * map keys, {@code k:{"name":"x"}} for keyed list elements, {@code v:<value>} for primitive set elements.
 */
public final class FieldSets {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private FieldSets() {
    }

    /** The field set of {@code object}, leaving out identity metadata (name, namespace, uid, resourceVersion). */
    public static ObjectNode of(JsonNode object) {
        ObjectNode set = F.objectNode();
        object.properties().forEach(e -> {
            String f = e.getKey();
            if (f.equals("apiVersion") || f.equals("kind") || f.equals("status")) {
                return;
            }
            if (f.equals("metadata")) {
                ObjectNode meta = F.objectNode();
                e.getValue().properties().forEach(m -> {
                    if (m.getKey().equals("labels") || m.getKey().equals("annotations")
                            || m.getKey().equals("finalizers") || m.getKey().equals("ownerReferences")) {
                        meta.set("f:" + m.getKey(), fields(m.getValue(), m.getKey()));
                    }
                });
                if (!meta.isEmpty()) {
                    set.set("f:metadata", meta);
                }
                return;
            }
            set.set("f:" + f, fields(e.getValue(), f));
        });
        return set;
    }

    private static ObjectNode fields(JsonNode value, String field) {
        ObjectNode out = F.objectNode();
        if (value.isObject()) {
            out.putObject(".");
            out.remove(".");
            value.properties().forEach(e -> out.set("f:" + e.getKey(), fields(e.getValue(), e.getKey())));
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isObject()) {
                    String key = item.has("name") ? "name" : item.has("containerPort") ? "containerPort"
                            : item.has("port") ? "port" : item.has("uid") ? "uid" : null;
                    if (key == null) {
                        continue;
                    }
                    ObjectNode element = fields(item, field);
                    element.putObject(".");
                    out.set("k:{\"" + key + "\":" + item.get(key).toString() + "}", element);
                } else {
                    out.putObject("v:" + item.toString());
                }
            }
        }
        return out;
    }
}
