package io.strata.master.registry;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.OfferId;
import io.strata.core.resources.Resources;

/** An outstanding offer; its resources count as allocated to the framework until it is used or returned. */
public record OfferEntry(OfferId id, FrameworkId frameworkId, AgentId agentId, Resources resources,
                         long createdMillis, long expiresMillis) {
}
