package io.strata.packages.universe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One package of a repository's {@code meta/index.json}.
 *
 * @param name the package name
 * @param currentVersion the version installed when none is asked for
 * @param versions package version to revision directory ("0", "1", ...), in index order
 * @param description one line
 * @param framework whether the package installs a framework
 * @param tags search tags
 * @param promoted whether the repository promotes it
 */
public record IndexEntry(String name, String currentVersion, Map<String, String> versions, String description,
                         boolean framework, List<String> tags, boolean promoted) {
    /** Validates the fields and copies the collections. */
    public IndexEntry {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("index entry without a name");
        }
        if (currentVersion == null || versions == null) {
            throw new IllegalArgumentException("package " + name + ": 'currentVersion' and 'versions' are required");
        }
        versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        if (!versions.containsKey(currentVersion)) {
            throw new IllegalArgumentException("package " + name + ": currentVersion " + currentVersion
                    + " is not among its versions " + versions.keySet());
        }
        description = description == null ? "" : description;
        tags = List.copyOf(tags);
    }

    /**
     * Parses one element of {@code packages[]}.
     *
     * @throws IllegalArgumentException naming the package and the field that is wrong
     */
    public static IndexEntry fromJson(JsonNode json) {
        String name = json.path("name").asText(null);
        if (!json.path("versions").isObject()) {
            throw new IllegalArgumentException("package " + name + ": 'versions' must be an object");
        }
        Map<String, String> versions = new LinkedHashMap<>();
        json.get("versions").properties().forEach(e -> versions.put(e.getKey(), e.getValue().asText()));
        List<String> tags = new ArrayList<>();
        json.path("tags").forEach(tag -> tags.add(tag.asText()));
        return new IndexEntry(name, json.path("currentVersion").asText(null), versions,
                json.path("description").asText(""), json.path("framework").asBoolean(false), tags,
                json.path("promoted").asBoolean(false));
    }

    /** Whether {@code query} (lower case) occurs in the name, the description or a tag. */
    public boolean matches(String query) {
        if (query.isEmpty()) {
            return true;
        }
        String lower = query.toLowerCase(java.util.Locale.ROOT);
        return name.toLowerCase(java.util.Locale.ROOT).contains(lower)
                || description.toLowerCase(java.util.Locale.ROOT).contains(lower)
                || tags.stream().anyMatch(tag -> tag.toLowerCase(java.util.Locale.ROOT).contains(lower));
    }
}
