package io.strata.packages.universe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A repository's {@code meta/index.json}: its format version and its packages.
 *
 * @param version the repository format version, e.g. {@code 2.0.0}
 * @param packages the packages in index order
 */
public record PackageIndex(String version, List<IndexEntry> packages) {
    /** Copies the list. */
    public PackageIndex {
        version = version == null ? "" : version;
        packages = List.copyOf(packages);
    }

    /**
     * Parses an index document.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static PackageIndex fromJson(JsonNode json) {
        if (!json.path("packages").isArray()) {
            throw new IllegalArgumentException("index has no 'packages' array");
        }
        List<IndexEntry> entries = new ArrayList<>();
        json.get("packages").forEach(p -> entries.add(IndexEntry.fromJson(p)));
        return new PackageIndex(json.path("version").asText(""), entries);
    }

    /** The entry named {@code name}. */
    public Optional<IndexEntry> find(String name) {
        return packages.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
