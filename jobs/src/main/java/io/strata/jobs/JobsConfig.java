package io.strata.jobs;

import java.util.Objects;

/**
 * Settings of one jobs framework instance.
 *
 * @param zk ZooKeeper: {@code host:port[,host:port][/path]} or {@code zk://...}; the path (default
 *     {@value #DEFAULT_ZK_PATH}) holds the jobs, their state, the framework id and the leader election
 * @param master the master: {@code http://host:port}, {@code host:port} or {@code zk://host:port/path}
 * @param host the address the HTTP API binds to
 * @param port the HTTP port ({@value #DEFAULT_PORT} by default; 0 picks a free one)
 * @param advertisedHost the host name others reach this instance at (redirects, the master's UI link); null uses
 *     {@code host}, or 127.0.0.1 when {@code host} is a wildcard
 * @param frameworkName the framework name registered with the master ({@value #DEFAULT_FRAMEWORK_NAME})
 * @param role the role the framework subscribes in
 */
public record JobsConfig(String zk, String master, String host, int port, String advertisedHost,
                         String frameworkName, String role) {
    /** Chronos' port in {@code strata up}. */
    public static final int DEFAULT_PORT = 4400;
    /** The framework name DC/OS tools expect. */
    public static final String DEFAULT_FRAMEWORK_NAME = "chronos";
    /** The ZooKeeper path used when the address names none. */
    public static final String DEFAULT_ZK_PATH = "/chronos";

    /** Validates the fields. */
    public JobsConfig {
        Objects.requireNonNull(zk, "zk");
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(frameworkName, "frameworkName");
        Objects.requireNonNull(role, "role");
        if (zk.isBlank()) {
            throw new IllegalArgumentException("--zk must name a ZooKeeper address");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, not " + port);
        }
        if (frameworkName.isBlank()) {
            throw new IllegalArgumentException("--framework-name must not be empty");
        }
    }

    /** Defaults: bind 127.0.0.1:4400, framework {@code chronos}, role {@code *}. */
    public static JobsConfig defaults(String zk, String master) {
        return new JobsConfig(zk, master, "127.0.0.1", DEFAULT_PORT, null, DEFAULT_FRAMEWORK_NAME, "*");
    }

    /** The same settings with another port. */
    public JobsConfig withPort(int newPort) {
        return new JobsConfig(zk, master, host, newPort, advertisedHost, frameworkName, role);
    }

    /** The same settings with another bind address. */
    public JobsConfig withHost(String newHost) {
        return new JobsConfig(zk, master, newHost, port, advertisedHost, frameworkName, role);
    }

    /** The same settings with another framework name. */
    public JobsConfig withFrameworkName(String name) {
        return new JobsConfig(zk, master, host, port, advertisedHost, name, role);
    }

    /** The host name put in this instance's URL. */
    String urlHost() {
        if (advertisedHost != null && !advertisedHost.isBlank()) {
            return advertisedHost;
        }
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }
}
