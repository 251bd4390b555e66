package io.strata.kubernetes.resources;

import java.util.List;
import java.util.Objects;

/**
 * One served resource: group ({@code ""} for core), version, plural and singular names, kind, scope, short
 * names, categories and subresources ({@code status}, {@code scale}).
 */
public record ResourceType(String group, String version, String plural, String singular, String kind,
        boolean namespaced, List<String> shortNames, List<String> categories, List<String> subresources) {

    /** The verbs every served resource supports. */
    public static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** Copies the lists and checks that names are present. */
    public ResourceType {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(plural, "plural");
        Objects.requireNonNull(kind, "kind");
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
        subresources = List.copyOf(subresources);
    }

    /** {@code v1} or {@code apps/v1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The store's resource key: {@code pods} or {@code apps/deployments}. */
    public String storeKey() {
        return group.isEmpty() ? plural : group + "/" + plural;
    }

    /** The name upstream uses in messages: {@code pods} or {@code deployments.apps}. */
    public String qualifiedPlural() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** The URL prefix of this resource's group version: {@code /api/v1} or {@code /apis/apps/v1}. */
    public String groupVersionPath() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }
}
