package io.strata.master.registry;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.Offer;
import io.strata.core.resources.Resources;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An executor the master launched with a task group (LAUNCH_GROUP): its info, where it runs, the resources it holds
 * beyond its tasks' and its non-terminal tasks. It lives, and holds its resources, until its last task ends, as a
 * Mesos default executor exits once it has no task left.
 */
public final class ExecutorEntry {
    public final FrameworkId frameworkId;
    public final AgentId agentId;
    public final Offer.ExecutorInfo info;
    public final Resources resources;
    /** Non-terminal tasks of this executor. */
    public final Set<TaskKey> tasks = new LinkedHashSet<>();

    public ExecutorEntry(FrameworkId frameworkId, AgentId agentId, Offer.ExecutorInfo info, Resources resources) {
        this.frameworkId = frameworkId;
        this.agentId = agentId;
        this.info = info;
        this.resources = resources;
    }

    /** The key of this executor in its framework's and its agent's maps. */
    public String key() {
        return key(agentId, info.executorId().value());
    }

    /** Executor ids are unique per framework and agent: {@code <agentId>/<executorId>}. */
    public static String key(AgentId agent, String executorId) {
        return agent.value() + "/" + executorId;
    }
}
