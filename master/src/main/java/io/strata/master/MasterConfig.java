package io.strata.master;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a master. Durations follow Mesos' defaults where Mesos has one.
 *
 * @param host address to bind and advertise (e.g. 127.0.0.1)
 * @param port HTTP port; 0 picks a free one
 * @param zk ZooKeeper address {@code host:port[,host:port]/path}
 * @param agentPingTimeout how long an agent may stay silent before one ping counts as missed (Mesos 15 s)
 * @param maxAgentPingTimeouts missed pings before the agent is unreachable (Mesos 5)
 * @param allocationInterval period of batch allocation (Mesos 1 s)
 * @param offerTimeout how long an offer stays valid before it is rescinded; zero means never
 * @param heartbeatInterval period of HEARTBEAT events on subscription streams (Mesos 15 s)
 * @param roleWeights DRF weights per role (default 1)
 * @param maxCompletedTasksPerFramework completed tasks kept per framework (Mesos 1000)
 */
public record MasterConfig(String host, int port, String zk, Duration agentPingTimeout, int maxAgentPingTimeouts,
                           Duration allocationInterval, Duration offerTimeout, Duration heartbeatInterval,
                           Map<String, Double> roleWeights, int maxCompletedTasksPerFramework) {
    public MasterConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(zk, "zk");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
        if (maxAgentPingTimeouts < 1) {
            throw new IllegalArgumentException("max agent ping timeouts must be >= 1");
        }
        roleWeights = Map.copyOf(roleWeights);
    }

    /** Defaults for a master on host:port using ZooKeeper at zk. */
    public static MasterConfig defaults(String host, int port, String zk) {
        return new MasterConfig(host, port, zk, Duration.ofSeconds(15), 5, Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofSeconds(15), Map.of(), 1000);
    }

    /** How long an agent may be silent before it becomes unreachable. */
    public Duration agentUnreachableAfter() {
        return agentPingTimeout.multipliedBy(maxAgentPingTimeouts);
    }

    public MasterConfig withAgentPing(Duration timeout, int max) {
        return new MasterConfig(host, port, zk, timeout, max, allocationInterval, offerTimeout, heartbeatInterval,
                roleWeights, maxCompletedTasksPerFramework);
    }

    public MasterConfig withOfferTimeout(Duration timeout) {
        return new MasterConfig(host, port, zk, agentPingTimeout, maxAgentPingTimeouts, allocationInterval, timeout,
                heartbeatInterval, roleWeights, maxCompletedTasksPerFramework);
    }

    public MasterConfig withAllocationInterval(Duration interval) {
        return new MasterConfig(host, port, zk, agentPingTimeout, maxAgentPingTimeouts, interval, offerTimeout,
                heartbeatInterval, roleWeights, maxCompletedTasksPerFramework);
    }

    public MasterConfig withHeartbeatInterval(Duration interval) {
        return new MasterConfig(host, port, zk, agentPingTimeout, maxAgentPingTimeouts, allocationInterval,
                offerTimeout, interval, roleWeights, maxCompletedTasksPerFramework);
    }

    public MasterConfig withRoleWeights(Map<String, Double> weights) {
        return new MasterConfig(host, port, zk, agentPingTimeout, maxAgentPingTimeouts, allocationInterval,
                offerTimeout, heartbeatInterval, weights, maxCompletedTasksPerFramework);
    }
}
