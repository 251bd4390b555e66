package io.strata.kubernetes.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small objects and keys for the store tests: ConfigMap-like objects in namespace {@code default}. */
final class StoreObjects {
    static final ObjectMapper JSON = new ObjectMapper();

    private StoreObjects() {
    }

    /** An object named {@code name} with one field {@code data = value}. */
    static ObjectNode object(String name, String value) {
        ObjectNode o = JSON.createObjectNode();
        o.putObject("metadata").put("name", name);
        o.put("data", value);
        return o;
    }

    /** The object's resourceVersion as a number. */
    static long rv(ObjectNode o) {
        return Long.parseLong(o.path("metadata").path("resourceVersion").asText());
    }

    /** The key of configmap {@code name} in namespace {@code default}. */
    static ObjectKey key(String name) {
        return new ObjectKey("configmaps", "default", name);
    }
}
