package io.strata.services.groups;

import io.strata.services.model.AppDefinition;
import io.strata.services.model.PathId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans group writes the way Marathon's {@code GroupUpdate} applies to its group tree: groups are the explicit
 * ones plus every path above an app. An update replaces what it names: a present {@code apps} list becomes the
 * group's direct apps (others are removed), a present {@code groups} list its subgroups (subgroups not named are
 * removed with everything below them; named ones are updated recursively), an absent list keeps the current
 * content. {@code scaleBy} sets every app below the group to {@code ceil(instances x scaleBy)}. Pure.
 */
public final class GroupPlanner {

    private GroupPlanner() {
    }

    /** Whether group {@code id} exists: the root, an explicit group, or a path above an app. */
    public static boolean exists(Map<PathId, AppDefinition> apps, Set<PathId> groups, PathId id) {
        return id.isRoot() || groups.contains(id)
                || apps.keySet().stream().anyMatch(app -> id.contains(app) && !app.equals(id))
                || groups.stream().anyMatch(g -> id.contains(g));
    }

    /** The plan of applying {@code update} to the current apps and explicit groups. */
    public static GroupPlan update(Map<PathId, AppDefinition> apps, Set<PathId> groups, GroupUpdate update) {
        if (update.scaleBy() != null) {
            List<AppDefinition> scaled = below(apps, update.id()).stream()
                    .map(a -> a.withInstances((int) Math.ceil(a.instances() * update.scaleBy()))).toList();
            return new GroupPlan(List.of(), scaled, List.of(), groups);
        }
        Map<PathId, AppDefinition> desired = new LinkedHashMap<>();
        Set<PathId> desiredGroups = new TreeSet<>();
        apply(apps, groups, update, desired, desiredGroups);
        List<AppDefinition> creates = new ArrayList<>();
        List<AppDefinition> updates = new ArrayList<>();
        for (AppDefinition app : desired.values()) {
            (apps.containsKey(app.id()) ? updates : creates).add(app);
        }
        List<PathId> deletes = below(apps, update.id()).stream().map(AppDefinition::id)
                .filter(id -> !desired.containsKey(id)).toList();
        Set<PathId> after = new HashSet<>(groups);
        after.removeIf(g -> update.id().contains(g));
        after.addAll(desiredGroups);
        return new GroupPlan(creates, updates, deletes, after);
    }

    /** The plan of removing group {@code id} with every app and group below it. */
    public static GroupPlan delete(Map<PathId, AppDefinition> apps, Set<PathId> groups, PathId id) {
        Set<PathId> after = new HashSet<>(groups);
        after.removeIf(id::contains);
        return new GroupPlan(List.of(), List.of(), below(apps, id).stream().map(AppDefinition::id).toList(), after);
    }

    /** Adds the apps and explicit groups {@code update} leaves below its group. */
    private static void apply(Map<PathId, AppDefinition> apps, Set<PathId> groups, GroupUpdate update,
            Map<PathId, AppDefinition> desired, Set<PathId> desiredGroups) {
        PathId id = update.id();
        if (!id.isRoot()) {
            desiredGroups.add(id);
        }
        if (update.apps() != null) {
            update.apps().forEach(a -> desired.put(a.id(), a));
        } else {
            apps.values().stream().filter(a -> a.id().parent().equals(id)).forEach(a -> desired.put(a.id(), a));
        }
        if (update.groups() != null) {
            for (GroupUpdate sub : update.groups()) {
                apply(apps, groups, sub, desired, desiredGroups);
            }
            return;
        }
        // subgroups kept as they are: every app and explicit group deeper than the direct apps
        apps.values().stream().filter(a -> id.contains(a.id()) && !a.id().parent().equals(id) && !a.id().equals(id))
                .forEach(a -> desired.put(a.id(), a));
        groups.stream().filter(g -> id.contains(g) && !g.equals(id)).forEach(desiredGroups::add);
    }

    /** Every app strictly below {@code id}, sorted by id. */
    private static List<AppDefinition> below(Map<PathId, AppDefinition> apps, PathId id) {
        return apps.values().stream().filter(a -> id.contains(a.id()) && !a.id().equals(id))
                .sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }
}
