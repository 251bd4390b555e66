package io.strata.master.allocation;

import io.strata.core.allocator.FrameworkCapability;
import io.strata.core.allocator.HierarchicalAllocator;
import io.strata.core.allocator.OfferProposal;
import io.strata.core.resources.Resources;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** The master's allocator port over core's hierarchical DRF allocator. */
public final class CoreAllocator implements AllocatorPort {
    private final HierarchicalAllocator allocator;

    public CoreAllocator(RandomGenerator random, Map<String, Double> weights) {
        this.allocator = new HierarchicalAllocator(random);
        weights.forEach(allocator::setWeight);
    }

    /** The wrapped allocator, for metrics. */
    public HierarchicalAllocator allocator() {
        return allocator;
    }

    @Override
    public void addAgent(String agentId, Resources total, Map<String, Resources> usedByFramework) {
        // core counts 'used' (by nobody in particular) and 'usedByFramework' separately: passing the sum
        // as 'used' too would count every task twice
        allocator.addAgent(agentId, total, Resources.EMPTY, usedByFramework);
    }

    @Override
    public void removeAgent(String agentId) {
        allocator.removeAgent(agentId);
    }

    @Override
    public void setAgentActive(String agentId, boolean active) {
        if (active) {
            allocator.activateAgent(agentId);
        } else {
            allocator.deactivateAgent(agentId);
        }
    }

    @Override
    public void addFramework(String frameworkId, String role, boolean gpuAware) {
        allocator.addFramework(frameworkId, role,
                gpuAware ? EnumSet.of(FrameworkCapability.GPU_RESOURCES) : EnumSet.noneOf(FrameworkCapability.class));
    }

    @Override
    public void removeFramework(String frameworkId) {
        allocator.removeFramework(frameworkId);
    }

    @Override
    public void setFrameworkActive(String frameworkId, boolean active) {
        if (active) {
            allocator.activateFramework(frameworkId);
        } else {
            allocator.deactivateFramework(frameworkId);
        }
    }

    @Override
    public void suppress(String frameworkId) {
        allocator.suppress(frameworkId);
    }

    @Override
    public void revive(String frameworkId) {
        allocator.revive(frameworkId);
    }

    @Override
    public void recover(String frameworkId, String agentId, Resources resources, long refuseUntilMillis) {
        allocator.recover(frameworkId, agentId, resources, refuseUntilMillis);
    }

    @Override
    public List<OfferProposal> allocate(long nowMillis) {
        return allocator.allocate(nowMillis);
    }

    @Override
    public List<OfferProposal> allocateAgent(String agentId, long nowMillis) {
        return allocator.allocateAgent(agentId, nowMillis);
    }
}
