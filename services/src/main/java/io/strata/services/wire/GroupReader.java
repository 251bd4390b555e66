package io.strata.services.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.services.groups.GroupUpdate;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.PathId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Marathon group body ({@code {"id", "apps": [...], "groups": [...], "dependencies", "scaleBy"}}) into a
 * {@link GroupUpdate}: ids are resolved against the enclosing group (the URL's for the top one), apps must be
 * direct children of their group and subgroups too. Every problem is collected with its JSON path, e.g.
 * {@code /groups(0)/apps(1)/cpus}, and thrown as one Marathon 422.
 */
public final class GroupReader {
    private final Violations violations = new Violations();

    private GroupReader() {
    }

    /**
     * Reads {@code json}; a relative or missing {@code id} is resolved against {@code base}.
     *
     * @throws MarathonException 422 with the details when anything is invalid
     */
    public static GroupUpdate read(JsonNode json, PathId base) {
        GroupReader reader = new GroupReader();
        GroupUpdate update = reader.group(json, base, "", true);
        reader.violations.throwIfAny();
        return update;
    }

    private GroupUpdate group(JsonNode json, PathId base, String path, boolean top) {
        if (json == null || !json.isObject()) {
            violations.typeError(path.isEmpty() ? "/" : path, "error.expected.jsobject");
            return null;
        }
        PathId id = id(json, base, path, top);
        if (id == null) {
            return null;
        }
        Double scaleBy = null;
        JsonNode scale = json.get("scaleBy");
        if (scale != null && !scale.isNull()) {
            if (!scale.isNumber()) {
                violations.typeError(path + "/scaleBy", "error.expected.jsnumber");
            } else if (scale.asDouble() < 0) {
                violations.add(path + "/scaleBy", "got " + scale.asDouble() + ", expected 0.0 or more");
            } else {
                scaleBy = scale.asDouble();
            }
        }
        if (json.hasNonNull("version")) {
            violations.add(path + "/version", "group versions are not kept: a rollback by version is not supported");
        }
        List<AppDefinition> apps = apps(json.get("apps"), id, path);
        List<GroupUpdate> groups = groups(json.get("groups"), id, path);
        if (apps != null && groups != null) {
            for (AppDefinition app : apps) {
                if (groups.stream().anyMatch(g -> g != null && g.id().equals(app.id()))) {
                    violations.add(path + "/apps", "Groups and Applications may not have the same identifier: "
                            + app.id());
                }
            }
        }
        if (!violations.isEmpty()) {
            return null;
        }
        return new GroupUpdate(id, apps, groups, scaleBy);
    }

    private PathId id(JsonNode json, PathId base, String path, boolean top) {
        JsonNode node = json.get("id");
        if (node == null || node.isNull()) {
            if (top) {
                return base;
            }
            violations.add(path + "/id", "error.path.missing");
            return null;
        }
        if (!node.isTextual()) {
            violations.typeError(path + "/id", "error.expected.jsstring");
            return null;
        }
        PathId id;
        try {
            id = PathId.parse(node.asText(), base);
        } catch (IllegalArgumentException e) {
            violations.add(path + "/id", e.getMessage());
            return null;
        }
        if (!top && (id.isRoot() || !id.parent().equals(base))) {
            violations.add(path + "/id", notChild(id, base));
            return null;
        }
        return id;
    }

    private List<AppDefinition> apps(JsonNode node, PathId group, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            violations.typeError(path + "/apps", "error.expected.jsarray");
            return List.of();
        }
        List<AppDefinition> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = path + "/apps(" + i + ")";
            JsonNode appJson = node.get(i);
            if (appJson.isObject() && appJson.hasNonNull("id") && appJson.get("id").isTextual()) {
                // relative app ids are resolved against their group, as Marathon does
                ObjectNode copy = ((ObjectNode) appJson).deepCopy();
                try {
                    copy.put("id", PathId.parse(appJson.get("id").asText(), group).toString());
                } catch (IllegalArgumentException e) {
                    violations.add(at + "/id", e.getMessage());
                    continue;
                }
                appJson = copy;
            }
            try {
                AppDefinition app = AppReader.read(appJson, null);
                if (!app.id().parent().equals(group)) {
                    violations.add(at + "/id", notChild(app.id(), group));
                } else if (out.stream().anyMatch(a -> a.id().equals(app.id()))) {
                    violations.add(at + "/id", "duplicate app id " + app.id());
                } else {
                    out.add(app);
                }
            } catch (MarathonException e) {
                violations.nest(at, e);
            }
        }
        return out;
    }

    private List<GroupUpdate> groups(JsonNode node, PathId parent, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            violations.typeError(path + "/groups", "error.expected.jsarray");
            return List.of();
        }
        List<GroupUpdate> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            GroupUpdate sub = group(node.get(i), parent, path + "/groups(" + i + ")", false);
            if (sub != null) {
                out.add(sub);
            }
        }
        return out;
    }

    private static String notChild(PathId id, PathId group) {
        return "Identifier " + id + " is not child of " + group + ". Hint: use relative paths.";
    }
}
