package io.strata.agent.oci;

/** How a container is connected to the network. */
public enum NetworkMode {
    /** No network namespace: the container shares the host's interfaces and listens on its assigned ports. */
    HOST,
    /**
     * A network namespace of its own (runc creates it with only {@code lo} up): the process listens on any port it
     * likes, reachable from the host only through the agent's {@link PortForwarder}.
     */
    PRIVATE
}
