package io.strata.kubernetes.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch for the built-in kinds: lists with a patch merge key (containers by {@code name}, container
 * ports by {@code containerPort}, service ports by {@code port}, ...) merge element-wise, primitive lists with a
 * merge strategy ({@code finalizers}) merge as sets, others are replaced; the directives {@code $patch},
 * {@code $setElementOrder/}, {@code $deleteFromPrimitiveList/} and {@code $retainKeys} are honoured.
 *
 * <p>Merge keys are looked up by the field name and its parent field, which is how the built-in types declare
 * them ({@code patchMergeKey} tags in k8s.io/api).
 */
public final class StrategicMergePatch {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Map<String, String> MERGE_KEYS = new LinkedHashMap<>();
    private static final Set<String> PRIMITIVE_SETS = Set.of("finalizers");

    static {
        for (String f : List.of("containers", "initContainers", "ephemeralContainers", "env", "volumes",
                "imagePullSecrets", "resourceClaims", "schedulingGates", "secrets")) {
            MERGE_KEYS.put(f, "name");
        }
        MERGE_KEYS.put("volumeMounts", "mountPath");
        MERGE_KEYS.put("volumeDevices", "devicePath");
        MERGE_KEYS.put("containers.ports", "containerPort");
        MERGE_KEYS.put("initContainers.ports", "containerPort");
        MERGE_KEYS.put("ports", "port");
        MERGE_KEYS.put("hostAliases", "ip");
        MERGE_KEYS.put("conditions", "type");
        MERGE_KEYS.put("ownerReferences", "uid");
        MERGE_KEYS.put("topologySpreadConstraints", "topologyKey");
        MERGE_KEYS.put("addresses", "type");
        MERGE_KEYS.put("taints", "key");
    }

    private StrategicMergePatch() {
    }

    /** Applies {@code patch} to a copy of {@code target}. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            throw new PatchException("strategic merge patch must be a JSON object");
        }
        ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : F.objectNode();
        JsonNode merged = mergeMap(result, (ObjectNode) patch, "");
        return merged == null ? F.objectNode() : merged;
    }

    private static JsonNode mergeMap(ObjectNode original, ObjectNode patch, String parentField) {
        String directive = patch.path("$patch").asText("");
        if ("replace".equals(directive)) {
            return strip(patch);
        }
        if ("delete".equals(directive)) {
            return null;
        }
        if (patch.get("$retainKeys") instanceof ArrayNode keep) {
            Set<String> retained = new HashSet<>();
            keep.forEach(k -> retained.add(k.asText()));
            original.properties().removeIf(e -> !retained.contains(e.getKey()));
        }
        Map<String, JsonNode> orders = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String field = e.getKey();
            JsonNode value = e.getValue();
            if (field.equals("$patch") || field.equals("$retainKeys")) {
                continue;
            }
            if (field.startsWith("$setElementOrder/")) {
                orders.put(field.substring("$setElementOrder/".length()), value);
                continue;
            }
            if (field.startsWith("$deleteFromPrimitiveList/")) {
                String list = field.substring("$deleteFromPrimitiveList/".length());
                if (original.get(list) instanceof ArrayNode a) {
                    Set<JsonNode> remove = new HashSet<>();
                    value.forEach(remove::add);
                    ArrayNode kept = F.arrayNode();
                    a.forEach(v -> {
                        if (!remove.contains(v)) {
                            kept.add(v);
                        }
                    });
                    original.set(list, kept);
                }
                continue;
            }
            if (value.isNull()) {
                original.remove(field);
            } else if (value.isObject() && original.get(field) instanceof ObjectNode o) {
                JsonNode merged = mergeMap(o, (ObjectNode) value, field);
                if (merged == null) {
                    original.remove(field);
                } else {
                    original.set(field, merged);
                }
            } else if (value.isArray()) {
                original.set(field, mergeList(original.get(field), (ArrayNode) value, parentField, field));
            } else if (value.isObject()) {
                JsonNode merged = mergeMap(F.objectNode(), (ObjectNode) value, field);
                if (merged != null) {
                    original.set(field, merged);
                }
            } else {
                original.set(field, value.deepCopy());
            }
        }
        orders.forEach((field, order) -> reorder(original, field, order, parentField));
        return original;
    }

    private static String mergeKey(String parentField, String field) {
        String key = MERGE_KEYS.get(parentField + "." + field);
        return key != null ? key : MERGE_KEYS.get(field);
    }

    private static JsonNode mergeList(JsonNode originalNode, ArrayNode patch, String parentField, String field) {
        ArrayNode original = originalNode instanceof ArrayNode a ? a.deepCopy() : F.arrayNode();
        for (JsonNode p : patch) {
            if (p.isObject() && "replace".equals(p.path("$patch").asText(""))) {
                ArrayNode replaced = F.arrayNode();
                patch.forEach(q -> {
                    if (!(q.isObject() && q.has("$patch"))) {
                        replaced.add(strip(q));
                    }
                });
                return replaced;
            }
        }
        if (PRIMITIVE_SETS.contains(field)) {
            Set<JsonNode> seen = new HashSet<>();
            original.forEach(seen::add);
            patch.forEach(v -> {
                if (seen.add(v)) {
                    original.add(v);
                }
            });
            return original;
        }
        String key = mergeKey(parentField, field);
        if (key == null || patch.isEmpty() || !patch.get(0).isObject()) {
            ArrayNode replaced = F.arrayNode();
            patch.forEach(q -> replaced.add(strip(q)));
            return replaced;
        }
        for (JsonNode p : patch) {
            if (!p.isObject()) {
                continue;
            }
            int index = indexOf(original, key, p.get(key));
            if ("delete".equals(p.path("$patch").asText(""))) {
                if (index >= 0) {
                    original.remove(index);
                }
            } else if (index >= 0) {
                JsonNode merged = mergeMap((ObjectNode) original.get(index), (ObjectNode) p, field);
                original.set(index, merged);
            } else {
                original.add(strip(p));
            }
        }
        return original;
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (value != null && value.equals(list.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static void reorder(ObjectNode target, String field, JsonNode order, String parentField) {
        if (!(target.get(field) instanceof ArrayNode list) || !order.isArray()) {
            return;
        }
        String key = mergeKey(parentField, field);
        ArrayNode sorted = F.arrayNode();
        List<JsonNode> rest = new ArrayList<>();
        list.forEach(rest::add);
        for (JsonNode o : order) {
            for (int i = 0; i < rest.size(); i++) {
                JsonNode item = rest.get(i);
                boolean same = key != null && o.isObject() ? o.path(key).equals(item.path(key)) : o.equals(item);
                if (same) {
                    sorted.add(item);
                    rest.remove(i);
                    break;
                }
            }
        }
        rest.forEach(sorted::add);
        target.set(field, sorted);
    }

    /** A copy without patch directives, recursively. */
    static JsonNode strip(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = F.objectNode();
            node.properties().forEach(e -> {
                if (!e.getKey().startsWith("$")) {
                    out.set(e.getKey(), strip(e.getValue()));
                }
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = F.arrayNode();
            node.forEach(v -> out.add(strip(v)));
            return out;
        }
        return node.deepCopy();
    }
}
