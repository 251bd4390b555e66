package io.strata.kubernetes.store;

import java.util.Objects;

/**
 * Identifies one stored object: the resource ({@code "pods"}, {@code "apps/deployments"}), its namespace
 * ({@code ""} for cluster-scoped objects) and its name.
 */
public record ObjectKey(String resource, String namespace, String name) implements Comparable<ObjectKey> {

    /** Validates that no part is null and that resource and name are non-blank. */
    public ObjectKey {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (resource.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("resource and name must not be blank: " + resource + "/" + name);
        }
    }

    /** The key's sort position: resource, then namespace, then name (the order lists are returned in). */
    public String sortKey() {
        return resource + "\u0000" + namespace + "\u0000" + name;
    }

    @Override
    public int compareTo(ObjectKey o) {
        return sortKey().compareTo(o.sortKey());
    }
}
