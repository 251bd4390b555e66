package io.strata.services.groups;

import io.strata.services.model.AppDefinition;
import io.strata.services.model.PathId;
import java.util.List;
import java.util.Set;

/**
 * What a group write changes.
 *
 * @param creates apps that do not exist yet
 * @param updates new definitions of existing apps (the applier skips those equal to the current one)
 * @param deletes apps to remove
 * @param groups the explicit (possibly empty) groups after the change
 */
public record GroupPlan(List<AppDefinition> creates, List<AppDefinition> updates, List<PathId> deletes,
        Set<PathId> groups) {

    /** Copies everything. */
    public GroupPlan {
        creates = List.copyOf(creates);
        updates = List.copyOf(updates);
        deletes = List.copyOf(deletes);
        groups = Set.copyOf(groups);
    }

    /** Every app the plan touches (creates, updates and deletes). */
    public List<PathId> affected() {
        java.util.List<PathId> out = new java.util.ArrayList<>();
        creates.forEach(a -> out.add(a.id()));
        updates.forEach(a -> out.add(a.id()));
        out.addAll(deletes);
        return out;
    }
}
