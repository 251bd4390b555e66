package io.strata.packages;

import io.strata.store.ZkAddress;
import java.net.URI;
import java.util.Objects;

/**
 * Settings of the package service.
 *
 * @param zk the cluster's ZooKeeper, {@code host:port[,host:port]/path} or {@code zk://...}; the repository list
 *     lives under {@code <path>/packages/repositories}
 * @param services the services (Marathon v2) API base URL installs go to, e.g. {@code http://127.0.0.1:8080}
 * @param router the admin router's base URL, offered to templates as {@code {{strata.router}}} (artifacts)
 * @param master the master address offered to templates as {@code {{strata.master}}}; null means the zk address
 * @param host the HTTP bind address
 * @param port the HTTP port; 0 picks a free one
 */
public record PackagesConfig(String zk, String services, String router, String master, String host, int port) {
    /** Default HTTP port of the package service (the router serves it at {@code /package}). */
    public static final int DEFAULT_PORT = 7075;
    /** Default bind address. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default services API of {@code strata up}. */
    public static final String DEFAULT_SERVICES = "http://127.0.0.1:8080";
    /** Default admin router of {@code strata up}. */
    public static final String DEFAULT_ROUTER = "http://127.0.0.1:7070";

    /** Validates every field; messages name the option. */
    public PackagesConfig {
        Objects.requireNonNull(zk, "zk");
        ZkAddress.parse(zk);
        services = url(services, "--services");
        router = url(router, "--router");
        if (master != null && master.isBlank()) {
            master = null;
        }
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 0..65535, not " + port);
        }
    }

    /** Defaults for a local cluster: services on 8080, router on 7070, loopback, port {@value #DEFAULT_PORT}. */
    public static PackagesConfig defaults(String zk) {
        return new PackagesConfig(zk, DEFAULT_SERVICES, DEFAULT_ROUTER, null, DEFAULT_HOST, DEFAULT_PORT);
    }

    /** The same settings on another port. */
    public PackagesConfig withPort(int newPort) {
        return new PackagesConfig(zk, services, router, master, host, newPort);
    }

    /** The same settings with another services API. */
    public PackagesConfig withServices(String url) {
        return new PackagesConfig(zk, url, router, master, host, port);
    }

    /** The same settings with another router URL. */
    public PackagesConfig withRouter(String url) {
        return new PackagesConfig(zk, services, url, master, host, port);
    }

    /** The same settings with another master address for templates. */
    public PackagesConfig withMaster(String address) {
        return new PackagesConfig(zk, services, router, address, host, port);
    }

    /** The zk address in {@code zk://} form. */
    public ZkAddress zkAddress() {
        return ZkAddress.parse(zk);
    }

    /** The master address templates get: {@link #master()}, else the zk address. */
    public String masterForTemplates() {
        return master != null ? master : zkAddress().toString();
    }

    private static String url(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " is required");
        }
        String full = value.contains("://") ? value : "http://" + value;
        URI uri;
        try {
            uri = URI.create(full);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a URL: " + e.getMessage());
        }
        if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException(option + " '" + value + "' must be http(s)://host[:port][/path]");
        }
        return full.endsWith("/") ? full.substring(0, full.length() - 1) : full;
    }
}
