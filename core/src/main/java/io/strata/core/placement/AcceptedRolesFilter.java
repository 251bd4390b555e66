package io.strata.core.placement;

import io.strata.core.resources.Resource;

/**
 * Rejects candidates that have resources, but none with a role the request accepts (Marathon {@code acceptedResourceRoles}),
 * e.g. a public agent whose resources are all {@code slave_public} for an app accepting only {@code *}.
 */
public final class AcceptedRolesFilter implements PlacementFilter {

    /** Reason: no resource of the candidate has an accepted role. */
    public static final String NO_ACCEPTED_ROLE = "No resources with an accepted role";

    @Override
    public String name() {
        return "accepted-roles";
    }

    @Override
    public Verdict filter(PlacementRequest request, Candidate candidate, PlacementContext context) {
        if (candidate.available().isEmpty()) {
            return Verdict.FITS; // nothing left at all: the resources filter names what is missing
        }
        for (Resource resource : candidate.available()) {
            if (request.acceptedRoles().contains(resource.role())) {
                return Verdict.FITS;
            }
        }
        return Verdict.rejected(NO_ACCEPTED_ROLE);
    }
}
