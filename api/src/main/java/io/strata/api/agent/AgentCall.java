package io.strata.api.agent;

import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskInfo;
import io.strata.api.mesos.TaskStatus;
import java.util.List;

/** A call from an agent to the master. */
public record AgentCall(AgentId agentId, Type type, Subscribe subscribe, Update update) {

    /** Call types. */
    public enum Type { UNKNOWN, SUBSCRIBE, UPDATE, HEARTBEAT }

    /**
     * SUBSCRIBE registers (no id) or re-registers (with the checkpointed id); a re-registering agent lists the
     * tasks it still knows with their latest state, so a master that failed over can rebuild its view.
     */
    public record Subscribe(AgentInfo agentInfo, List<KnownTask> tasks, List<FrameworkInfo> frameworks) {
    }

    /**
     * A task an agent reports when re-registering; {@code executor} is the executor of a task-group task (null for a
     * command task).
     */
    public record KnownTask(FrameworkId frameworkId, TaskInfo task, TaskStatus latestStatus, Offer.ExecutorInfo executor) {
        /** A command task (no executor). */
        public KnownTask(FrameworkId frameworkId, TaskInfo task, TaskStatus latestStatus) {
            this(frameworkId, task, latestStatus, null);
        }
    }

    /** UPDATE: one status update of a task, carrying the uuid the framework will acknowledge. */
    public record Update(FrameworkId frameworkId, TaskStatus status) {
    }

    public static AgentCall subscribe(Subscribe s) {
        return new AgentCall(s.agentInfo().id(), Type.SUBSCRIBE, s, null);
    }

    public static AgentCall update(AgentId agentId, Update u) {
        return new AgentCall(agentId, Type.UPDATE, null, u);
    }

    public static AgentCall heartbeat(AgentId agentId) {
        return new AgentCall(agentId, Type.HEARTBEAT, null, null);
    }
}
