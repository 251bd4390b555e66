package io.strata.kubernetes.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** RFC 6902 JSON patch: add, remove, replace, move, copy and test over JSON pointers. */
public final class JsonPatch {

    private JsonPatch() {
    }

    /** Applies the operations of {@code patch} (an array) to a copy of {@code target}. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isArray()) {
            throw new PatchException("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }
        JsonNode doc = target.deepCopy();
        for (JsonNode op : patch) {
            String path = op.path("path").asText(null);
            if (path == null) {
                throw new PatchException("missing path in JSON patch operation");
            }
            switch (op.path("op").asText()) {
                case "add" -> doc = add(doc, path, value(op));
                case "remove" -> doc = remove(doc, path);
                case "replace" -> {
                    get(doc, path);
                    doc = add(remove(doc, path), path, value(op));
                }
                case "move" -> {
                    JsonNode v = get(doc, op.path("from").asText());
                    doc = add(remove(doc, op.path("from").asText()), path, v);
                }
                case "copy" -> doc = add(doc, path, get(doc, op.path("from").asText()).deepCopy());
                case "test" -> {
                    if (!get(doc, path).equals(value(op))) {
                        throw new PatchException("testing value " + path + " failed: test failed");
                    }
                }
                default -> throw new PatchException("Unexpected kind: " + op.path("op").asText());
            }
        }
        return doc;
    }

    private static JsonNode value(JsonNode op) {
        if (!op.has("value")) {
            throw new PatchException("missing value in JSON patch operation");
        }
        return op.get("value").deepCopy();
    }

    private static List<String> tokens(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (!pointer.startsWith("/")) {
            throw new PatchException("invalid JSON pointer: " + pointer);
        }
        List<String> out = new ArrayList<>();
        for (String t : pointer.substring(1).split("/", -1)) {
            out.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private static JsonNode get(JsonNode doc, String pointer) {
        JsonNode node = doc;
        for (String t : tokens(pointer)) {
            node = node.isArray() ? node.get(index(t, node.size() - 1)) : node.get(t);
            if (node == null) {
                throw new PatchException("path " + pointer + " does not exist");
            }
        }
        return node;
    }

    private static JsonNode parent(JsonNode doc, List<String> tokens, String pointer) {
        JsonNode node = doc;
        for (String t : tokens.subList(0, tokens.size() - 1)) {
            node = node.isArray() ? node.get(index(t, node.size() - 1)) : node.get(t);
            if (node == null) {
                throw new PatchException("doc is missing path: \"" + pointer + "\": missing value");
            }
        }
        return node;
    }

    private static int index(String t, int max) {
        try {
            int i = Integer.parseInt(t);
            if (i < 0 || i > max) {
                throw new PatchException("index out of bounds: " + t);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new PatchException("invalid array index: " + t);
        }
    }

    private static JsonNode add(JsonNode doc, String pointer, JsonNode value) {
        List<String> t = tokens(pointer);
        if (t.isEmpty()) {
            return value;
        }
        JsonNode parent = parent(doc, t, pointer);
        String last = t.get(t.size() - 1);
        if (parent instanceof ArrayNode a) {
            if ("-".equals(last)) {
                a.add(value);
            } else {
                a.insert(index(last, a.size()), value);
            }
        } else if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else {
            throw new PatchException("doc is missing path: \"" + pointer + "\": missing value");
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, String pointer) {
        List<String> t = tokens(pointer);
        JsonNode parent = parent(doc, t, pointer);
        String last = t.get(t.size() - 1);
        if (parent instanceof ArrayNode a) {
            a.remove(index(last, a.size() - 1));
        } else if (parent instanceof ObjectNode o && o.has(last)) {
            o.remove(last);
        } else {
            throw new PatchException("Unable to remove nonexistent key: " + last + ": missing value");
        }
        return doc;
    }
}
