package io.strata.packages.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The part of the services (Marathon v2) API a package install needs. */
public interface MarathonApps {
    /**
     * {@code POST /v2/apps}; the created app.
     *
     * @throws io.strata.packages.error.PackageException {@code PackageAlreadyInstalled} on 409,
     *     {@code MarathonBadResponse} on other failures, {@code ServiceUnavailable} when unreachable
     */
    JsonNode create(ObjectNode app);

    /** The apps that carry label {@code label} ({@code GET /v2/apps?label=...}). */
    List<JsonNode> withLabel(String label);

    /** {@code DELETE /v2/apps/{id}?force=true} (also while a deployment runs); false when the app did not exist. */
    boolean delete(String appId);
}
