package io.strata.master.allocation;

import io.strata.core.allocator.OfferProposal;
import io.strata.core.resources.Resources;
import java.util.List;
import java.util.Map;

/**
 * What the master needs from an allocator: the registry's changes go in, offer proposals come out. Time is
 * passed in as epoch millis. Called on the master loop thread only.
 */
public interface AllocatorPort {
    /** Adds an agent with what each framework already uses on it (re-registration, master failover). */
    void addAgent(String agentId, Resources total, Map<String, Resources> usedByFramework);

    void removeAgent(String agentId);

    void setAgentActive(String agentId, boolean active);

    void addFramework(String frameworkId, String role, boolean gpuAware);

    void removeFramework(String frameworkId);

    void setFrameworkActive(String frameworkId, boolean active);

    void suppress(String frameworkId);

    /** Clears the framework's filters and un-suppresses it. */
    void revive(String frameworkId);

    /** Returns resources (declined, rescinded, freed); with refuseUntilMillis > 0 they are filtered until then. */
    void recover(String frameworkId, String agentId, Resources resources, long refuseUntilMillis);

    /** Runs a batch allocation. */
    List<OfferProposal> allocate(long nowMillis);

    /** Allocation run over one agent (on agent add). */
    List<OfferProposal> allocateAgent(String agentId, long nowMillis);
}
