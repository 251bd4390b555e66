package io.strata.services.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.json.Json;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.Deployment;
import io.strata.services.model.PathId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stored forms: an app is stored as its Marathon JSON (read back with {@link AppReader} plus the version stamps),
 * a deployment as its fields plus the app it would roll back to.
 */
public final class AppCodec {
    private AppCodec() {
    }

    /** The stored JSON of an app (the API form, version stamps included). */
    public static Map<String, Object> toStored(AppDefinition app) {
        return AppWriter.definition(app);
    }

    /** Reads an app stored by {@link #toStored}. */
    public static AppDefinition fromStored(JsonNode json) {
        AppDefinition app = AppReader.read(json, null);
        Instant version = instant(json.get("version"));
        JsonNode info = json.path("versionInfo");
        Instant scaling = info.hasNonNull("lastScalingAt") ? instant(info.get("lastScalingAt")) : version;
        Instant config = info.hasNonNull("lastConfigChangeAt") ? instant(info.get("lastConfigChangeAt")) : version;
        return app.withVersions(version, scaling, config);
    }

    /** Reads an app from a JSON map (e.g. a deployment's previous app). */
    public static AppDefinition fromMap(Map<String, Object> map) {
        return fromStored(Json.camel().valueToTree(map));
    }

    /** A minimal app standing for one whose definition is gone but whose instances remain (to be stopped). */
    public static AppDefinition placeholder(PathId id) {
        ObjectNode json = Json.camel().createObjectNode();
        json.put("id", id.toString());
        json.put("cmd", "true");
        json.put("instances", 0);
        return AppReader.read(json, null);
    }

    /** Reads a stored deployment. */
    public static Deployment deploymentFromStored(JsonNode json) {
        List<Deployment.Action> steps = new ArrayList<>();
        json.path("steps").forEach(s -> steps.add(Deployment.Action.valueOf(s.asText())));
        JsonNode previous = json.get("previous");
        return new Deployment(json.get("id").asText(), instant(json.get("version")),
                PathId.parse(json.get("appId").asText()), steps, json.path("currentStep").asInt(1),
                previous == null || previous.isNull() ? null : fromStored(previous),
                instant(json.get("startedAt")), "");
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }
}
