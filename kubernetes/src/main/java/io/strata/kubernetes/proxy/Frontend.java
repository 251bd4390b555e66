package io.strata.kubernetes.proxy;

import java.util.Objects;

/**
 * An address and TCP port the proxy listens on: a Service's ClusterIP and port, or the node's address and a
 * nodePort.
 *
 * @param address an IPv4 address
 * @param port 1..65535
 * @param service {@code namespace/name:portName} for logs
 */
public record Frontend(String address, int port, String service) {

    /** Validates the parts. */
    public Frontend {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(service, "service");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
        }
    }

    /** {@code address:port}. */
    public String endpoint() {
        return address + ":" + port;
    }
}
