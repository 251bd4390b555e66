package io.strata.services.http;

import io.strata.services.engine.ServicesState;
import io.strata.services.groups.GroupPlanner;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.PathId;
import io.strata.services.wire.AppWriter;
import io.strata.services.wire.MarathonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /v2/groups}: the group tree of the explicit groups and the paths above the apps,
 * {@code {id, apps, groups, pods, dependencies, version}}.
 */
final class GroupsJson {
    private GroupsJson() {
    }

    static Map<String, Object> group(ServicesState state, PathId id) {
        List<AppDefinition> apps = state.apps();
        Set<PathId> groups = state.groups();
        Map<PathId, AppDefinition> byId = new LinkedHashMap<>();
        apps.forEach(a -> byId.put(a.id(), a));
        if (!GroupPlanner.exists(byId, groups, id)) {
            throw MarathonException.of(404, "Group '" + id + "' does not exist");
        }
        return build(apps, groups, id);
    }

    private static Map<String, Object> build(List<AppDefinition> apps, Set<PathId> groups, PathId id) {
        List<Map<String, Object>> direct = new ArrayList<>();
        TreeSet<String> children = new TreeSet<>();
        java.time.Instant version = null;
        for (AppDefinition app : apps) {
            if (!id.contains(app.id()) || app.id().equals(id)) {
                continue;
            }
            if (app.id().parent().equals(id)) {
                direct.add(AppWriter.definition(app));
            } else {
                children.add(app.id().segments().get(id.segments().size()));
            }
            if (version == null || app.version().isAfter(version)) {
                version = app.version();
            }
        }
        // explicit groups, also empty ones, below this one
        groups.stream().filter(g -> id.contains(g) && !g.equals(id)).forEach(g -> children.add(g.segments().get(id.segments().size())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id.toString());
        out.put("apps", direct);
        out.put("groups", children.stream().map(c -> build(apps, groups, id.child(c))).toList());
        out.put("pods", List.of());
        out.put("dependencies", List.of());
        out.put("version", AppWriter.time(version == null ? java.time.Instant.EPOCH : version));
        return out;
    }
}
