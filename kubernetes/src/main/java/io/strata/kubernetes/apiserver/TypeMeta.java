package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.resources.ResourceType;

/**
 * The checks of a request body against its endpoint, as upstream: apiVersion and kind (taken from the URL when
 * absent, 400 when different, and placed first), and metadata.namespace (filled in, 400 when different, removed for
 * cluster-scoped kinds). Pure.
 */
final class TypeMeta {

    private TypeMeta() {
    }

    /** Checks and sets apiVersion and kind of {@code o} (changed in place) for {@code type}. */
    static void check(ResourceType type, ObjectNode o) {
        String apiVersion = o.path("apiVersion").asText("");
        String kind = o.path("kind").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw ApiError.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw ApiError.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": the kind in the data (" + kind + ") does not match the expected kind ("
                    + type.kind() + ")");
        }
        ObjectNode fixed = JsonNodeFactory.instance.objectNode();
        fixed.put("apiVersion", type.apiVersion());
        fixed.put("kind", type.kind());
        o.remove("apiVersion");
        o.remove("kind");
        fixed.setAll(o);
        o.removeAll();
        o.setAll(fixed);
    }

    /** Checks and sets {@code meta.namespace} against the request's namespace; returns the object's namespace. */
    static String namespace(ResourceType type, String namespace, ObjectNode meta) {
        if (!type.namespaced()) {
            meta.remove("namespace");
            return "";
        }
        String inBody = meta.path("namespace").asText("");
        if (!inBody.isEmpty() && !inBody.equals(namespace)) {
            throw ApiError.badRequest("the namespace of the provided object does not match the namespace sent on "
                    + "the request");
        }
        meta.put("namespace", namespace);
        return namespace;
    }
}
