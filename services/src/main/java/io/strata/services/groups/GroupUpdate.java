package io.strata.services.groups;

import io.strata.services.model.AppDefinition;
import io.strata.services.model.PathId;
import java.util.List;
import java.util.Objects;

/**
 * One group of a {@code POST} or {@code PUT /v2/groups} body, ids already resolved to absolute paths.
 *
 * @param id the group
 * @param apps the group's direct apps, or null when the body has no {@code apps} (the current ones are kept)
 * @param groups the group's direct subgroups, or null when the body has no {@code groups} (the current ones are
 *     kept)
 * @param scaleBy when not null, every app below the group is scaled by this factor instead (apps and groups are
 *     then ignored, as Marathon does)
 */
public record GroupUpdate(PathId id, List<AppDefinition> apps, List<GroupUpdate> groups, Double scaleBy) {

    /** Copies the lists and checks that apps and subgroups are direct children of {@code id}. */
    public GroupUpdate {
        Objects.requireNonNull(id, "id");
        apps = apps == null ? null : List.copyOf(apps);
        groups = groups == null ? null : List.copyOf(groups);
        if (apps != null && apps.stream().anyMatch(a -> !a.id().parent().equals(id))) {
            throw new IllegalArgumentException("apps of " + id + " must be its direct children");
        }
        if (groups != null && groups.stream().anyMatch(g -> g.id().isRoot() || !g.id().parent().equals(id))) {
            throw new IllegalArgumentException("groups of " + id + " must be its direct children");
        }
        if (scaleBy != null && !(scaleBy >= 0)) {
            throw new IllegalArgumentException("scaleBy must be >= 0: " + scaleBy);
        }
    }
}
