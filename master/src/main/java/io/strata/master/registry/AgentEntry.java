package io.strata.master.registry;

import io.strata.api.agent.AgentInfo;
import io.strata.api.mesos.AgentId;
import io.strata.core.resources.Attributes;
import io.strata.core.resources.Resources;
import io.strata.server.EventStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registered agent. {@code connected}: its subscription stream is open; {@code reachable}: it has not been
 * silent for longer than the unreachable timeout. Only connected, reachable agents are offered.
 */
public final class AgentEntry {
    public final AgentId id;
    public AgentInfo info;
    public Resources total;
    public Attributes attributes;
    public EventStream stream;
    public boolean connected;
    public boolean reachable = true;
    public final double registeredTime;
    public Double reregisteredTime;
    public Double unreachableTime;
    /** Whether this entry was loaded from the store by a new leader and the agent has not come back yet. */
    public boolean recovered;
    /** Tasks on this agent by key (framework id + task id), non-terminal ones only. */
    public final Map<TaskKey, TaskEntry> tasks = new LinkedHashMap<>();
    /** Executors of task groups on this agent, by {@link ExecutorEntry#key()}. */
    public final Map<String, ExecutorEntry> executors = new LinkedHashMap<>();
    /** Resources of the offers outstanding on this agent. */
    public Resources offered = Resources.EMPTY;

    public AgentEntry(AgentId id, AgentInfo info, Resources total, Attributes attributes, double registeredTime) {
        this.id = id;
        this.info = info;
        this.total = total;
        this.attributes = attributes;
        this.registeredTime = registeredTime;
    }

    /** Whether the allocator may offer this agent's resources. */
    public boolean offerable() {
        return connected && reachable;
    }

    /** Resources in use by its tasks and executors. */
    public Resources used() {
        Resources used = Resources.EMPTY;
        for (TaskEntry t : tasks.values()) {
            used = used.plus(t.resources);
        }
        for (ExecutorEntry e : executors.values()) {
            used = used.plus(e.resources);
        }
        return used;
    }

    /** The agent's base URL. */
    public String url() {
        return "http://" + info.hostname() + ":" + info.port();
    }

    /** Mesos' pid notation, still parsed by tools: {@code slave(1)@host:port}. */
    public String pid() {
        return "slave(1)@" + info.hostname() + ":" + info.port();
    }
}
