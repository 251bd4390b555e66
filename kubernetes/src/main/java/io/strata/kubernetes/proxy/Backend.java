package io.strata.kubernetes.proxy;

import java.util.Objects;

/**
 * A ready endpoint a connection is relayed to: the address and port an Endpoints subset lists (the agent's address and
 * the pod's host port when the runtime maps the container port, see {@link io.strata.kubernetes.pods.HostPorts}).
 */
public record Backend(String host, int port) {

    /** Validates the parts. */
    public Backend {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
