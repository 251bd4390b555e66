package io.strata.kubernetes;

import java.util.Objects;

/**
 * How to run the Kubernetes framework: the ZooKeeper address with chroot ({@code 127.0.0.1:2181/strata}), the
 * master URL (may be empty while only the API server runs), the HTTP host and port (default 127.0.0.1:6443, plain
 * HTTP; 0 picks a free port), the Service cluster-IP range, and the watch event window.
 */
public record KubernetesConfig(String zk, String master, String host, int port, String serviceCidr,
        int watchWindow) {

    /** The default API server port, as upstream's secure port. */
    public static final int DEFAULT_PORT = 6443;
    /** The default cluster-IP range: loopback, so a single machine can bind the addresses. */
    public static final String DEFAULT_SERVICE_CIDR = "127.100.0.0/16";
    /** The default number of events kept for watches to resume from. */
    public static final int DEFAULT_WATCH_WINDOW = 20_000;

    /** Validates the parts. */
    public KubernetesConfig {
        Objects.requireNonNull(zk, "zk");
        Objects.requireNonNull(host, "host");
        master = master == null ? "" : master;
        serviceCidr = serviceCidr == null || serviceCidr.isBlank() ? DEFAULT_SERVICE_CIDR : serviceCidr;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (watchWindow < 1) {
            throw new IllegalArgumentException("watchWindow must be positive: " + watchWindow);
        }
    }

    /** A configuration with defaults for everything but ZooKeeper, the master and the port. */
    public static KubernetesConfig of(String zk, String master, int port) {
        return new KubernetesConfig(zk, master, "127.0.0.1", port, DEFAULT_SERVICE_CIDR, DEFAULT_WATCH_WINDOW);
    }
}
