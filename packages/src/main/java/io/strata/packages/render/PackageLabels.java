package io.strata.packages.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.packages.universe.PackageDefinition;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code DCOS_PACKAGE_*} labels DC/OS put on an installed app, by which {@code package list} and
 * {@code package uninstall} find it again.
 */
public final class PackageLabels {
    /** The package name. */
    public static final String NAME = "DCOS_PACKAGE_NAME";
    /** The package version. */
    public static final String VERSION = "DCOS_PACKAGE_VERSION";
    /** base64(JSON(package.json + images)). */
    public static final String METADATA = "DCOS_PACKAGE_METADATA";
    /** base64(JSON of the whole package definition: package, config, resource, command, template). */
    public static final String DEFINITION = "DCOS_PACKAGE_DEFINITION";
    /** base64(JSON of the options the user gave). */
    public static final String OPTIONS = "DCOS_PACKAGE_OPTIONS";
    /** The repository URI the package came from. */
    public static final String SOURCE = "DCOS_PACKAGE_SOURCE";
    /** The revision directory. */
    public static final String RELEASE = "DCOS_PACKAGE_RELEASE";
    /** The packaging version. */
    public static final String REGISTRY_VERSION = "DCOS_PACKAGE_REGISTRY_VERSION";
    /** "true" or "false". */
    public static final String IS_FRAMEWORK = "DCOS_PACKAGE_IS_FRAMEWORK";
    /** {@code options[<package>]["framework-name"]} of a framework package. */
    public static final String FRAMEWORK_NAME = "DCOS_PACKAGE_FRAMEWORK_NAME";
    /** base64(command.json), when the package has one. */
    public static final String COMMAND = "DCOS_PACKAGE_COMMAND";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PackageLabels() {
    }

    /**
     * The labels of an install of {@code definition} from {@code source} with the user's {@code options} and the
     * merged options ({@code merged}, defaults applied) that name the framework.
     */
    public static Map<String, String> of(PackageDefinition definition, String source, JsonNode options,
                                         JsonNode merged) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, definition.name());
        labels.put(VERSION, definition.version());
        labels.put(METADATA, base64(metadata(definition)));
        labels.put(DEFINITION, base64(definitionJson(definition)));
        labels.put(OPTIONS, base64(options));
        labels.put(SOURCE, source);
        labels.put(RELEASE, definition.release());
        labels.put(REGISTRY_VERSION, definition.packagingVersion());
        labels.put(IS_FRAMEWORK, Boolean.toString(definition.framework()));
        JsonNode frameworkName = merged.path(definition.name()).path("framework-name");
        if (definition.framework() && frameworkName.isTextual()) {
            labels.put(FRAMEWORK_NAME, frameworkName.asText());
        }
        if (definition.command() != null) {
            labels.put(COMMAND, base64(definition.command()));
        }
        return labels;
    }

    /** package.json plus the images of resource.json, as DCOS_PACKAGE_METADATA carried it. */
    public static ObjectNode metadata(PackageDefinition definition) {
        ObjectNode metadata = definition.packageJson().deepCopy();
        metadata.set("images", definition.images().deepCopy());
        return metadata;
    }

    /** The whole definition as one JSON object. */
    public static ObjectNode definitionJson(PackageDefinition definition) {
        ObjectNode json = definition.packageJson().deepCopy();
        json.set("config", definition.config());
        json.set("resource", definition.resource());
        if (definition.command() != null) {
            json.set("command", definition.command());
        }
        if (definition.marathonTemplate() != null) {
            json.putObject("marathon").put("v2AppMustacheTemplate", Base64.getEncoder()
                    .encodeToString(definition.marathonTemplate().getBytes(StandardCharsets.UTF_8)));
        }
        return json;
    }

    /** Decodes a base64 JSON label such as {@link #METADATA}; null when absent or unreadable. */
    public static JsonNode decode(String value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.readTree(Base64.getDecoder().decode(value));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String base64(JsonNode json) {
        try {
            return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
