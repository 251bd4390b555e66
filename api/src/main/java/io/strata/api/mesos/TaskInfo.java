package io.strata.api.mesos;

import java.util.List;

/** A task to launch, as in ACCEPT's LAUNCH operation. */
public record TaskInfo(String name, TaskId taskId, AgentId agentId, List<Resource> resources, CommandInfo command,
                       ContainerInfo container, HealthCheck healthCheck, KillPolicy killPolicy, String data,
                       Labels labels, DiscoveryInfo discovery, CheckInfo check) {

    /** A task without a general check (the fields before {@code check} existed). */
    public TaskInfo(String name, TaskId taskId, AgentId agentId, List<Resource> resources, CommandInfo command,
                    ContainerInfo container, HealthCheck healthCheck, KillPolicy killPolicy, String data,
                    Labels labels, DiscoveryInfo discovery) {
        this(name, taskId, agentId, resources, command, container, healthCheck, killPolicy, data, labels, discovery,
                null);
    }

    /** Service discovery information passed through to DNS. */
    public record DiscoveryInfo(String visibility, String name, String environment, String location,
                                String version, Ports ports, Labels labels) {
        /** Named ports. */
        public record Ports(List<Port> ports) {
        }

        /** A named port. */
        public record Port(int number, String name, String protocol) {
        }
    }

    /** The same task with an agent id. */
    public TaskInfo withAgentId(AgentId id) {
        return new TaskInfo(name, taskId, id, resources, command, container, healthCheck, killPolicy, data,
                labels, discovery, check);
    }

    /** The same task with a general check (null for none). */
    public TaskInfo withCheck(CheckInfo value) {
        return new TaskInfo(name, taskId, agentId, resources, command, container, healthCheck, killPolicy, data,
                labels, discovery, value);
    }
}
