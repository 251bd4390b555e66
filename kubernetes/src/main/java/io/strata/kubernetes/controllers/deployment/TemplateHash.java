package io.strata.kubernetes.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The {@code pod-template-hash}: FNV-1a 32 of the template (without that label) and the collision count, its
 * decimal digits encoded with upstream's SafeEncodeString alphabet. Null fields count as absent (clients that
 * round-trip a template through Go structs add {@code creationTimestamp: null}). Stable for a template, so a template restored
 * by {@code rollout undo} finds its old ReplicaSet again (the value differs from upstream's spew-based hash).
 */
public final class TemplateHash {

    /** The label on ReplicaSets, their selectors and pods. */
    public static final String LABEL = "pod-template-hash";
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

    private TemplateHash() {
    }

    /** The hash of {@code template} with {@code collisionCount}. */
    public static String of(JsonNode template, int collisionCount) {
        JsonNode canonical = canonical(withoutHash(template));
        int h = 0x811c9dc5;
        for (byte b : (canonical.toString() + "/" + collisionCount).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        String digits = Long.toString(Integer.toUnsignedLong(h));
        StringBuilder out = new StringBuilder();
        for (char c : digits.toCharArray()) {
            out.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
        }
        return out.toString();
    }

    /** The template without the {@code pod-template-hash} label (upstream's EqualIgnoreHash compares these). */
    public static JsonNode withoutHash(JsonNode template) {
        ObjectNode t = (ObjectNode) template.deepCopy();
        JsonNode labels = t.path("metadata").path("labels");
        if (labels instanceof ObjectNode l) {
            l.remove(LABEL);
            if (l.isEmpty()) {
                ((ObjectNode) t.get("metadata")).remove("labels");
            }
        }
        if (t.path("metadata").isObject() && t.get("metadata").isEmpty()) {
            t.remove("metadata");
        }
        return t;
    }

    /** Whether two templates are equal ignoring the hash label. */
    public static boolean equalIgnoringHash(JsonNode a, JsonNode b) {
        return canonical(withoutHash(a)).equals(canonical(withoutHash(b)));
    }

    private static JsonNode canonical(JsonNode n) {
        if (n.isObject()) {
            ObjectNode sorted = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            new java.util.TreeMap<String, JsonNode>(toMap(n)).forEach((k, v) -> {
                if (!v.isNull()) {
                    sorted.set(k, canonical(v));
                }
            });
            return sorted;
        }
        if (n.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode a =
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            n.forEach(x -> a.add(canonical(x)));
            return a;
        }
        return n;
    }

    private static java.util.Map<String, JsonNode> toMap(JsonNode n) {
        java.util.Map<String, JsonNode> m = new java.util.HashMap<>();
        n.properties().forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }
}
