package io.strata.packages.render;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import io.strata.packages.universe.PackageDefinition;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Turns a package definition and user options into the Marathon app to create, in Cosmos' order: defaults from
 * config.json, user options merged over them, the result validated against config.json, the template rendered
 * over it (plus {@code resource} and {@code strata}), the app id set, the {@code DCOS_PACKAGE_*} labels added.
 * Pure: no I/O.
 */
public final class PackageRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ClusterValues cluster;

    /** A renderer that offers {@code cluster} to templates as {@code strata}. */
    public PackageRenderer(ClusterValues cluster) {
        this.cluster = cluster;
    }

    /**
     * The merged options: schema defaults with {@code options} over them, validated.
     *
     * @throws PackageException {@code JsonSchemaMismatch} naming each failing option in the message and listing
     *     them in {@code data.errors[{option, reason}]}
     */
    public static ObjectNode mergedOptions(PackageDefinition definition, JsonNode options) {
        JsonNode given = options == null || options.isNull() ? JsonNodeFactory.instance.objectNode() : options;
        if (!given.isObject()) {
            throw new PackageException(ErrorType.JsonSchemaMismatch, "options must be a JSON object, not "
                    + given.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        ObjectNode merged = SchemaDefaults.merge(SchemaDefaults.extract(definition.config()), given);
        List<OptionError> errors;
        try {
            errors = OptionsValidator.validate(definition.config(), merged);
        } catch (IllegalArgumentException e) {
            throw new PackageException(ErrorType.PackageFileMalformed, definition.name() + ": " + e.getMessage());
        }
        if (!errors.isEmpty()) {
            throw schemaMismatch(definition, errors);
        }
        return merged;
    }

    /**
     * The app JSON to POST to {@code /v2/apps}.
     *
     * @param source the repository URI, for {@code DCOS_PACKAGE_SOURCE}
     * @param appId the app id to use instead of the template's, or null
     * @throws PackageException {@code JsonSchemaMismatch}, {@code PackageMissingMarathonTemplate} or
     *     {@code InvalidRenderedTemplate}
     */
    public ObjectNode render(PackageDefinition definition, JsonNode options, String source, String appId) {
        if (definition.marathonTemplate() == null) {
            throw PackageException.withField(ErrorType.PackageMissingMarathonTemplate, "package "
                    + definition.name() + " has no marathon.json.mustache: it installs no app", "packageName",
                    definition.name());
        }
        ObjectNode merged = mergedOptions(definition, options);
        String rendered;
        try {
            rendered = TemplateRenderer.render(definition.marathonTemplate(), definition.name()
                    + "/marathon.json.mustache", context(definition, merged));
        } catch (IllegalArgumentException e) {
            throw new PackageException(ErrorType.InvalidRenderedTemplate, e.getMessage());
        }
        ObjectNode app = parse(definition, rendered);
        if (appId != null && !appId.isBlank()) {
            app.put("id", appId.startsWith("/") ? appId : "/" + appId);
        } else if (!app.path("id").isTextual() || app.get("id").asText().isBlank()) {
            app.put("id", "/" + definition.name());
        } else if (!app.get("id").asText().startsWith("/")) {
            // Marathon resolves relative ids against "/": store and report the absolute id
            app.put("id", "/" + app.get("id").asText());
        }
        ObjectNode labels = app.path("labels") instanceof ObjectNode existing ? existing : app.putObject("labels");
        JsonNode given = options == null || options.isNull() ? JsonNodeFactory.instance.objectNode() : options;
        PackageLabels.of(definition, source, given, merged).forEach(labels::put);
        return app;
    }

    private Map<String, Object> context(PackageDefinition definition, ObjectNode merged) {
        Map<String, Object> context = JSON.convertValue(merged, MAP);
        context.put("resource", JSON.convertValue(definition.resource(), MAP));
        context.put("strata", cluster.asContext());
        return context;
    }

    private static ObjectNode parse(PackageDefinition definition, String rendered) {
        JsonNode app;
        try {
            app = JSON.readTree(rendered);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PackageException(ErrorType.InvalidRenderedTemplate, "the rendered marathon.json.mustache of "
                    + definition.name() + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        if (app instanceof ObjectNode object) {
            return object;
        }
        throw new PackageException(ErrorType.InvalidRenderedTemplate, "the rendered marathon.json.mustache of "
                + definition.name() + " is not a JSON object");
    }

    private static PackageException schemaMismatch(PackageDefinition definition, List<OptionError> errors) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        var list = data.putArray("errors");
        StringBuilder message = new StringBuilder("options do not match the config schema of package ")
                .append(definition.name()).append(':');
        for (OptionError error : errors) {
            list.addObject().put("option", error.option()).put("reason", error.reason());
            message.append("\n  ").append(error.describe());
        }
        return new PackageException(ErrorType.JsonSchemaMismatch, message.toString(), data);
    }
}
