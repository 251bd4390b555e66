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

    /**
     * Removes from {@code object} the fields a manager applied before ({@code previous}) but no longer applies
     * ({@code current}), unless another manager's set ({@code others}) also holds them: server-side apply's
     * "fields you stop applying are deleted" rule, for map fields and keyed list elements.
     */
    public static void removeDropped(JsonNode object, JsonNode previous, JsonNode current, java.util.List<JsonNode> others) {
        if (object == null || previous == null) {
            return;
        }
        previous.properties().forEach(e -> {
            String key = e.getKey();
            if (key.equals(".")) {
                return;
            }
            JsonNode stillApplied = current == null ? null : current.get(key);
            java.util.List<JsonNode> otherChildren = new java.util.ArrayList<>();
            for (JsonNode o : others) {
                if (o != null && o.has(key)) {
                    otherChildren.add(o.get(key));
                }
            }
            JsonNode child = child(object, key);
            if (stillApplied == null && otherChildren.isEmpty()) {
                remove(object, key);
            } else if (child != null) {
                removeDropped(child, e.getValue(), stillApplied, otherChildren);
            }
        });
    }

    private static JsonNode child(JsonNode object, String key) {
        if (key.startsWith("f:") && object.isObject()) {
            return object.get(key.substring(2));
        }
        if (key.startsWith("k:") && object.isArray()) {
            int i = keyedIndex(object, key);
            return i < 0 ? null : object.get(i);
        }
        return null;
    }

    private static void remove(JsonNode object, String key) {
        if (key.startsWith("f:") && object instanceof ObjectNode o) {
            o.remove(key.substring(2));
        } else if (key.startsWith("k:") && object instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            int i = keyedIndex(a, key);
            if (i >= 0) {
                a.remove(i);
            }
        } else if (key.startsWith("v:") && object instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            String value = key.substring(2);
            for (int i = a.size() - 1; i >= 0; i--) {
                if (a.get(i).toString().equals(value)) {
                    a.remove(i);
                }
            }
        }
    }

    private static int keyedIndex(JsonNode list, String key) {
        try {
            JsonNode wanted = new com.fasterxml.jackson.databind.ObjectMapper().readTree(key.substring(2));
            for (int i = 0; i < list.size(); i++) {
                boolean all = true;
                for (var e : wanted.properties()) {
                    all &= e.getValue().equals(list.get(i).get(e.getKey()));
                }
                if (all) {
                    return i;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }
}
