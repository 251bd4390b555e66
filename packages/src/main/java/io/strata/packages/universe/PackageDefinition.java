package io.strata.packages.universe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Set;

/**
 * One version of one package: the files of its revision directory, parsed.
 *
 * @param packageJson package.json (name, version, packagingVersion, maintainer, description, tags, notes ...)
 * @param config config.json, the JSON Schema of the options; an empty object schema when absent
 * @param marathonTemplate marathon.json.mustache, or null when the package has no app (CLI only)
 * @param resource resource.json; an empty object when absent
 * @param command command.json, or null
 * @param release the revision directory the files came from ("0", "1", ...)
 */
public record PackageDefinition(ObjectNode packageJson, ObjectNode config, String marathonTemplate,
                                ObjectNode resource, ObjectNode command, String release) {
    /** The packaging versions this service understands (Universe 2.0 and 3.0 layouts). */
    public static final Set<String> PACKAGING_VERSIONS = Set.of("2.0", "3.0");

    /** Checks the required package.json fields and the packaging version. */
    public PackageDefinition {
        Objects.requireNonNull(packageJson, "packageJson");
        for (String field : new String[] {"name", "version"}) {
            if (!packageJson.path(field).isTextual() || packageJson.get(field).asText().isBlank()) {
                throw new IllegalArgumentException("package.json: '" + field + "' is required");
            }
        }
        String packaging = packageJson.path("packagingVersion").asText("2.0");
        if (!PACKAGING_VERSIONS.contains(packaging)) {
            throw new IllegalArgumentException("package.json of " + packageJson.get("name").asText()
                    + ": packagingVersion " + packaging + " is not one of " + PACKAGING_VERSIONS);
        }
        config = config == null ? emptySchema() : config;
        resource = resource == null ? JsonNodeFactory.instance.objectNode() : resource;
        Objects.requireNonNull(release, "release");
    }

    /** The package name. */
    public String name() {
        return packageJson.get("name").asText();
    }

    /** The package version. */
    public String version() {
        return packageJson.get("version").asText();
    }

    /** The packaging version, "2.0" when package.json names none. */
    public String packagingVersion() {
        return packageJson.path("packagingVersion").asText("2.0");
    }

    /** Whether the package installs a framework. */
    public boolean framework() {
        return packageJson.path("framework").asBoolean(false);
    }

    /** A text field of package.json such as {@code preInstallNotes}, or "". */
    public String text(String field) {
        return packageJson.path(field).asText("");
    }

    /** The images of resource.json, or an empty object. */
    public JsonNode images() {
        JsonNode images = resource.path("images");
        return images.isObject() ? images : JsonNodeFactory.instance.objectNode();
    }

    private static ObjectNode emptySchema() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        return schema;
    }
}
