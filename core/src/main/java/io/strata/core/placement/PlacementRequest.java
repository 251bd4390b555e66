package io.strata.core.placement;

import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One instance waiting to be placed: a Marathon task, a Chronos run, a pod.
 *
 * <p>{@code resources} are amounts by name: their roles are ignored (normalised to {@code *}); the
 * {@link ResourceMatcher} takes reserved resources of {@code role} first, then unreserved ones, among the
 * {@code acceptedRoles}. A {@code ports} range in {@code resources} asks for those exact host ports;
 * {@code portCount} asks for that many more, any number.
 *
 * @param id unique id of the request (task id); also seeds the candidate shuffle
 * @param group what constraints count instances of (the app or job id)
 * @param resources amounts wanted per name
 * @param portCount number of arbitrary host ports wanted, at least 0
 * @param role the framework's role
 * @param acceptedRoles resource roles that may be used; empty in the constructor means {@code {*, role}}
 * @param constraints Marathon constraints, all of which must hold
 */
public record PlacementRequest(String id, String group, Resources resources, int portCount, String role,
        Set<String> acceptedRoles, List<PlacementConstraint> constraints) {

    /** Validates the fields and normalises roles as described. */
    public PlacementRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(group, "group");
        Resource.validateRole(role);
        resources = resources.toRole(Resource.UNRESERVED);
        if (portCount < 0) {
            throw new IllegalArgumentException("request " + id + " asks for " + portCount + " ports");
        }
        acceptedRoles = Set.copyOf(acceptedRoles.isEmpty() ? java.util.List.of(Resource.UNRESERVED, role) : acceptedRoles);
        acceptedRoles.forEach(Resource::validateRole);
        constraints = List.copyOf(constraints);
    }

    /** Returns a request in group {@code id} without ports, role acceptance or constraints. */
    public static PlacementRequest of(String id, Resources resources, String role) {
        return new PlacementRequest(id, id, resources, 0, role, Set.of(), List.of());
    }

    /** Returns a copy with other constraints. */
    public PlacementRequest withConstraints(List<PlacementConstraint> newConstraints) {
        return new PlacementRequest(id, group, resources, portCount, role, acceptedRoles, newConstraints);
    }
}
