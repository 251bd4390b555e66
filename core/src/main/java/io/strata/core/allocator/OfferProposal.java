package io.strata.core.allocator;

import io.strata.core.resources.Resources;
import java.util.Objects;

/**
 * Resources on one agent the allocator wants offered to one framework. They count as allocated until the master
 * hands them back with {@link HierarchicalAllocator#recover}.
 *
 * @param frameworkId the framework to offer to
 * @param agentId the agent the resources are on
 * @param resources what to offer, never empty
 */
public record OfferProposal(String frameworkId, String agentId, Resources resources) {

    /** Validates that no field is null and the resources are not empty. */
    public OfferProposal {
        Objects.requireNonNull(frameworkId, "frameworkId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(resources, "resources");
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("an offer proposal needs resources");
        }
    }
}
