package io.strata.dns.records;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the record generator needs to know about a Mesos cluster: the leading master, agents, frameworks and
 * tasks, keyed by id (tasks by {@link Task#key()}). Immutable; every change gives a new state ({@code with...}/{@code without...}).
 */
public record ClusterState(Optional<Master> leader, Map<String, Agent> agents, Map<String, Framework> frameworks,
                           Map<String, Task> tasks) {
    /** No master known, nothing registered. */
    public static final ClusterState EMPTY = new ClusterState(Optional.empty(), Map.of(), Map.of(), Map.of());

    /** Copies the maps; they must not contain nulls. */
    public ClusterState {
        Objects.requireNonNull(leader, "leader");
        agents = Map.copyOf(agents);
        frameworks = Map.copyOf(frameworks);
        tasks = Map.copyOf(tasks);
    }

    /** The leading master: the address it was reached at ({@code host} may be a name or an IP) and its port. */
    public record Master(String host, int port) {
        /** Validates the port. */
        public Master {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("master port out of range: " + port);
            }
        }
    }

    /** An agent: its id, hostname, HTTP port and the IP taken from its pid (null when the pid has none). */
    public record Agent(String id, String hostname, int port, String pidIp) {
        /** Requires id and hostname. */
        public Agent {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(hostname, "hostname");
        }
    }

    /** A framework: id, name and the scheduler's hostname (null when it did not say). */
    public record Framework(String id, String name, String hostname) {
        /** Requires id and name. */
        public Framework {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A task: ids, name, state ({@code TASK_RUNNING} ...), the host ports of its port resources, its
     * DiscoveryInfo (null when none), and addresses from its latest status by IP source ({@code netinfo},
     * {@code mesos}, {@code docker}).
     */
    public record Task(String id, String name, String frameworkId, String agentId, String state, List<Long> ports,
                       Discovery discovery, Map<String, List<String>> statusIps) {
        /** Requires ids, name and state; copies lists. */
        public Task {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(frameworkId, "frameworkId");
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(state, "state");
            ports = List.copyOf(ports);
            statusIps = Map.copyOf(statusIps);
        }

        /** The map key of a task: task ids are unique within a framework only. */
        public String key() {
            return frameworkId + " " + id;
        }

        /** The same task in another state with the addresses of a new status. */
        public Task withStatus(String newState, Map<String, List<String>> ips) {
            return new Task(id, name, frameworkId, agentId, newState, ports, discovery, ips);
        }
    }

    /** A task's DiscoveryInfo: its name (null: use the task name) and ports. */
    public record Discovery(String name, List<DiscoveryPort> ports) {
        /** Copies the ports. */
        public Discovery {
            ports = List.copyOf(ports);
        }
    }

    /** A DiscoveryInfo port: number, optional name and protocol (null: both tcp and udp). */
    public record DiscoveryPort(int number, String name, String protocol) {
    }

    /** This state with another leader. */
    public ClusterState withLeader(Optional<Master> newLeader) {
        return new ClusterState(newLeader, agents, frameworks, tasks);
    }

    /** This state with an agent added or replaced. */
    public ClusterState withAgent(Agent agent) {
        return new ClusterState(leader, put(agents, agent.id(), agent), frameworks, tasks);
    }

    /** This state without an agent. */
    public ClusterState withoutAgent(String id) {
        return new ClusterState(leader, remove(agents, id), frameworks, tasks);
    }

    /** This state with a framework added or replaced. */
    public ClusterState withFramework(Framework framework) {
        return new ClusterState(leader, agents, put(frameworks, framework.id(), framework), tasks);
    }

    /** This state without a framework. */
    public ClusterState withoutFramework(String id) {
        return new ClusterState(leader, agents, remove(frameworks, id), tasks);
    }

    /** This state with a task added or replaced. */
    public ClusterState withTask(Task task) {
        return new ClusterState(leader, agents, frameworks, put(tasks, task.key(), task));
    }

    /** This state without a task, given its {@link Task#key()}. */
    public ClusterState withoutTask(String key) {
        return new ClusterState(leader, agents, frameworks, remove(tasks, key));
    }

    private static <V> Map<String, V> put(Map<String, V> map, String key, V value) {
        java.util.HashMap<String, V> copy = new java.util.HashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static <V> Map<String, V> remove(Map<String, V> map, String key) {
        if (!map.containsKey(key)) {
            return map;
        }
        java.util.HashMap<String, V> copy = new java.util.HashMap<>(map);
        copy.remove(key);
        return copy;
    }
}
