package io.strata.master.registry;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.OfferId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * All agents, frameworks and offers the leading master knows, plus the id sequences. Ids follow Mesos:
 * {@code <masterId>-S<n>} for agents, {@code <masterId>-<nnnn>} for frameworks, {@code <masterId>-O<n>}
 * for offers; the master id is new for every leadership term, so ids never collide across failovers.
 */
public final class Registry {
    public final String masterId;
    public final Map<String, AgentEntry> agents = new LinkedHashMap<>();
    public final Map<String, FrameworkEntry> frameworks = new LinkedHashMap<>();
    public final Map<String, OfferEntry> offers = new LinkedHashMap<>();
    /** Frameworks removed (teardown or failover timeout), most recent last, bounded. */
    public final Map<String, FrameworkEntry> completedFrameworks = new LinkedHashMap<>();
    private long nextAgent;
    private long nextFramework;
    private long nextOffer;

    public Registry(String masterId) {
        this.masterId = masterId;
    }

    public AgentId newAgentId() {
        return new AgentId(masterId + "-S" + nextAgent++);
    }

    public FrameworkId newFrameworkId() {
        return new FrameworkId(masterId + "-" + String.format("%04d", nextFramework++));
    }

    public OfferId newOfferId() {
        return new OfferId(masterId + "-O" + nextOffer++);
    }

    public Optional<AgentEntry> agent(AgentId id) {
        return id == null ? Optional.empty() : Optional.ofNullable(agents.get(id.value()));
    }

    public Optional<FrameworkEntry> framework(FrameworkId id) {
        return id == null ? Optional.empty() : Optional.ofNullable(frameworks.get(id.value()));
    }

    /** Finds a task among the frameworks' active tasks. */
    public Optional<TaskEntry> task(TaskKey key) {
        FrameworkEntry f = frameworks.get(key.frameworkId());
        return f == null ? Optional.empty() : Optional.ofNullable(f.tasks.get(key));
    }

    /** Remembers a removed framework, keeping at most {@code limit} (Mesos --max_completed_frameworks 50). */
    public void completeFramework(FrameworkEntry f, int limit) {
        completedFrameworks.remove(f.id.value());
        completedFrameworks.put(f.id.value(), f);
        while (completedFrameworks.size() > limit) {
            completedFrameworks.remove(completedFrameworks.keySet().iterator().next());
        }
    }
}
