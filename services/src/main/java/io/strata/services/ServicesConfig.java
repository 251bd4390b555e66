package io.strata.services;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one services (Marathon-compatible) framework instance.
 *
 * @param zk ZooKeeper address with the state's base path, e.g. {@code zk://127.0.0.1:2181/marathon}
 *     ({@code zk://} optional)
 * @param master the master: {@code http://host:port}, {@code host:port} or {@code zk://host:port/strata}
 * @param host the address the HTTP API binds to
 * @param port the HTTP API port (Marathon's 8080; 0 picks a free one)
 * @param hostname the name other instances and clients use to reach this one (leader address)
 * @param frameworkName the Mesos framework name ({@code marathon}, so DC/OS tools and DNS names keep working)
 * @param failoverTimeout how long the master keeps the tasks while no instance is subscribed (Marathon: 1 week)
 * @param role the Mesos role ({@code *} by default)
 * @param user the user tasks run as by default
 */
public record ServicesConfig(String zk, String master, String host, int port, String hostname, String frameworkName,
        Duration failoverTimeout, String role, String user) {

    /** Marathon's HTTP port. */
    public static final int DEFAULT_PORT = 8080;
    /** Marathon's framework name. */
    public static final String DEFAULT_FRAMEWORK_NAME = "marathon";
    /** Marathon's default failover timeout (one week). */
    public static final Duration DEFAULT_FAILOVER_TIMEOUT = Duration.ofDays(7);

    /** Validates the fields. */
    public ServicesConfig {
        Objects.requireNonNull(zk, "zk");
        Objects.requireNonNull(master, "master");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535: " + port);
        }
        hostname = hostname == null || hostname.isBlank() ? host : hostname;
        frameworkName = frameworkName == null || frameworkName.isBlank() ? DEFAULT_FRAMEWORK_NAME : frameworkName;
        failoverTimeout = failoverTimeout == null ? DEFAULT_FAILOVER_TIMEOUT : failoverTimeout;
        role = role == null || role.isBlank() ? "*" : role;
        user = user == null || user.isBlank() ? "root" : user;
    }

    /** Defaults for {@code zk} and {@code master}: bind 127.0.0.1:8080, framework {@code marathon}. */
    public static ServicesConfig defaults(String zk, String master) {
        return new ServicesConfig(zk, master, "127.0.0.1", DEFAULT_PORT, null, null, null, null, null);
    }

    /** The same settings with another HTTP port (0 = ephemeral). */
    public ServicesConfig withPort(int newPort) {
        return new ServicesConfig(zk, master, host, newPort, hostname, frameworkName, failoverTimeout, role, user);
    }

    /** The same settings binding and advertising another host. */
    public ServicesConfig withHost(String newHost) {
        return new ServicesConfig(zk, master, newHost, port, newHost, frameworkName, failoverTimeout, role, user);
    }
}
