package io.strata.packages.cosmos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import io.strata.packages.marathon.MarathonApps;
import io.strata.packages.render.PackageLabels;
import io.strata.packages.render.PackageRenderer;
import io.strata.packages.repository.RepositoryEntry;
import io.strata.packages.repository.RepositoryList;
import io.strata.packages.universe.IndexEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The package operations of Cosmos, taking and returning its JSON shapes: search, describe, list-versions, render,
 * install, list, uninstall and the repository list. The HTTP edge only decodes requests and encodes replies.
 */
public final class Cosmos {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Catalog catalog;
    private final RepositoryList repositories;
    private final PackageRenderer renderer;
    private final MarathonApps marathon;

    /** Operations over the given catalog, repository list, renderer and services API. */
    public Cosmos(Catalog catalog, RepositoryList repositories, PackageRenderer renderer, MarathonApps marathon) {
        this.catalog = catalog;
        this.repositories = repositories;
        this.renderer = renderer;
        this.marathon = marathon;
    }

    /** {@code {"packages":[{name, currentVersion, versions, description, framework, tags, promoted, images}]}}. */
    public ObjectNode search(String query) {
        String q = query == null ? "" : query.strip();
        ObjectNode reply = NODES.objectNode();
        ArrayNode packages = reply.putArray("packages");
        for (Catalog.Found found : catalog.all()) {
            IndexEntry entry = found.entry();
            if (!entry.matches(q)) {
                continue;
            }
            ObjectNode item = packages.addObject();
            item.put("name", entry.name()).put("currentVersion", entry.currentVersion());
            ObjectNode versions = item.putObject("versions");
            entry.versions().forEach(versions::put);
            item.put("description", entry.description()).put("framework", entry.framework());
            ArrayNode tags = item.putArray("tags");
            entry.tags().forEach(tags::add);
            item.put("promoted", entry.promoted()).put("source", found.repository().name());
            if (found.repository().cheapReads()) {
                try {
                    found.repository().definition(entry.name(), null)
                            .ifPresent(definition -> item.set("images", definition.images()));
                } catch (PackageException malformed) {
                    // a broken package still shows in search; describe and install report what is wrong
                }
            }
        }
        return reply;
    }

    /** {@code {"package", "config", "resource", "marathonMustache", "command"}} of one version. */
    public ObjectNode describe(String name, String version) {
        Catalog.Resolved resolved = catalog.resolve(name, version);
        ObjectNode reply = NODES.objectNode();
        reply.set("package", resolved.definition().packageJson());
        reply.set("config", resolved.definition().config());
        reply.set("resource", resolved.definition().resource());
        if (resolved.definition().marathonTemplate() != null) {
            reply.put("marathonMustache", resolved.definition().marathonTemplate());
        }
        if (resolved.definition().command() != null) {
            reply.set("command", resolved.definition().command());
        }
        return reply;
    }

    /** {@code {"results": {version: revision}}}. */
    public ObjectNode listVersions(String name) {
        Catalog.Found found = catalog.find(name).orElseThrow(() -> PackageException.withField(
                ErrorType.PackageNotFound, "package [" + name + "] not found", "packageName", name));
        ObjectNode reply = NODES.objectNode();
        ObjectNode results = reply.putObject("results");
        found.entry().versions().forEach(results::put);
        return reply;
    }

    /** {@code {"marathonJson": app}}: what install would POST, without installing. */
    public ObjectNode render(String name, String version, JsonNode options, String appId) {
        Catalog.Resolved resolved = catalog.resolve(name, version);
        ObjectNode reply = NODES.objectNode();
        reply.set("marathonJson", renderer.render(resolved.definition(), options, resolved.repository().uri(), appId));
        return reply;
    }

    /** Renders, validates and creates the app; {@code {packageName, packageVersion, appId, postInstallNotes}}. */
    public ObjectNode install(String name, String version, JsonNode options, String appId) {
        Catalog.Resolved resolved = catalog.resolve(name, version);
        ObjectNode app = renderer.render(resolved.definition(), options, resolved.repository().uri(), appId);
        marathon.create(app);
        ObjectNode reply = NODES.objectNode();
        reply.put("packageName", resolved.definition().name());
        reply.put("packageVersion", resolved.definition().version());
        reply.put("appId", app.get("id").asText());
        String notes = resolved.definition().text("postInstallNotes");
        if (!notes.isEmpty()) {
            reply.put("postInstallNotes", notes);
        }
        return reply;
    }

    /** {@code {"packages":[{appId, packageInformation{packageDefinition, resourceDefinition}}]}}, by app id. */
    public ObjectNode list(String name, String appId) {
        ObjectNode reply = NODES.objectNode();
        ArrayNode packages = reply.putArray("packages");
        for (JsonNode app : installed(name, appId)) {
            ObjectNode item = packages.addObject();
            item.put("appId", app.path("id").asText());
            JsonNode metadata = PackageLabels.decode(app.path("labels").path(PackageLabels.METADATA).asText(null));
            ObjectNode information = item.putObject("packageInformation");
            ObjectNode definition = metadata instanceof ObjectNode object ? object.deepCopy() : NODES.objectNode();
            JsonNode images = definition.remove("images");
            definition.put("name", app.path("labels").path(PackageLabels.NAME).asText());
            definition.put("version", app.path("labels").path(PackageLabels.VERSION).asText());
            information.set("packageDefinition", definition);
            information.putObject("resourceDefinition").set("images", images == null ? NODES.objectNode() : images);
        }
        return reply;
    }

    /** Deletes the matching app(s); {@code {"results":[{packageName, appId, packageVersion, postUninstallNotes}]}}. */
    public ObjectNode uninstall(String name, String appId, boolean all) {
        List<JsonNode> apps = installed(name, appId);
        if (apps.isEmpty()) {
            throw PackageException.withField(ErrorType.UninstallNonExistentAppForPackage, "package [" + name + "]"
                    + (appId == null ? "" : " with app id [" + normalize(appId) + "]") + " is not installed",
                    "packageName", name);
        }
        if (apps.size() > 1 && !all) {
            List<String> ids = apps.stream().map(a -> a.path("id").asText()).toList();
            throw PackageException.withField(ErrorType.AmbiguousAppId, "multiple apps of package [" + name
                    + "] are installed: " + ids + "; name one with --app-id, or use --all", "packageName", name);
        }
        ObjectNode reply = NODES.objectNode();
        ArrayNode results = reply.putArray("results");
        for (JsonNode app : apps) {
            marathon.delete(app.path("id").asText());
            ObjectNode result = results.addObject();
            result.put("packageName", name).put("appId", app.path("id").asText())
                    .put("packageVersion", app.path("labels").path(PackageLabels.VERSION).asText());
            JsonNode metadata = PackageLabels.decode(app.path("labels").path(PackageLabels.METADATA).asText(null));
            if (metadata != null && metadata.path("postUninstallNotes").isTextual()) {
                result.put("postUninstallNotes", metadata.get("postUninstallNotes").asText());
            }
        }
        return reply;
    }

    /** {@code {"repositories":[{name, uri}]}}. */
    public ObjectNode repositories() {
        return repositoriesJson(repositories.list());
    }

    /** Adds a repository after checking that its index loads; the new list. */
    public ObjectNode addRepository(RepositoryEntry entry, Integer index) {
        catalog.check(entry);
        return repositoriesJson(repositories.add(entry, index));
    }

    /** Removes a repository by name (or uri); the new list. */
    public ObjectNode deleteRepository(String name, String uri) {
        return repositoriesJson(repositories.remove(name, uri));
    }

    private List<JsonNode> installed(String name, String appId) {
        List<JsonNode> apps = new ArrayList<>();
        for (JsonNode app : marathon.withLabel(PackageLabels.NAME)) {
            boolean nameMatches = name == null || name.equals(app.path("labels").path(PackageLabels.NAME).asText());
            boolean idMatches = appId == null || normalize(appId).equals(app.path("id").asText());
            if (nameMatches && idMatches) {
                apps.add(app);
            }
        }
        return apps;
    }

    private static String normalize(String appId) {
        return appId.startsWith("/") ? appId : "/" + appId;
    }

    private static ObjectNode repositoriesJson(List<RepositoryEntry> entries) {
        ObjectNode reply = NODES.objectNode();
        ArrayNode list = reply.putArray("repositories");
        entries.forEach(e -> list.addObject().put("name", e.name()).put("uri", e.uri()));
        return reply;
    }
}
