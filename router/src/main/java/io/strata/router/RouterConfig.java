package io.strata.router;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the admin router: where it listens and where each upstream lives.
 *
 * <p>{@code master} is a master URL ({@code http://host:port}, any master: the router follows the leader through
 * {@code /master/redirect}) or a {@code zk://host:port[,..]/path} address watched for the leader. The other
 * upstreams are optional base URLs without a path; a route whose upstream is not configured answers 502 naming it.
 * {@code cacheTtl} bounds how long service lookups (frameworks, labelled apps, the leader) are reused;
 * {@code connectTimeout} bounds how long a down upstream can delay its 502. With {@code dashboard} set, {@code /},
 * {@code /dashboard/} and {@code /webjars/} go to the dashboard server; otherwise {@code /} is a placeholder page.
 */
public record RouterConfig(String host, int port, String master, URI services, URI jobs, URI dns, URI kubernetes,
                           URI packages, URI dashboard, Duration cacheTtl, Duration connectTimeout,
                           Duration idleTimeout) {
    /** The port DC/OS' Cosmos used and the Strata router listens on by default. */
    public static final int DEFAULT_PORT = 7070;

    public RouterConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        Objects.requireNonNull(master, "master");
        if (master.isBlank()) {
            throw new IllegalArgumentException("master must name a master URL or a zk:// address");
        }
        requireBase("services", services);
        requireBase("jobs", jobs);
        requireBase("dns", dns);
        requireBase("kubernetes", kubernetes);
        requireBase("packages", packages);
        requireBase("dashboard", dashboard);
        requirePositive("cacheTtl", cacheTtl);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("idleTimeout", idleTimeout);
    }

    /** Defaults: 127.0.0.1:7070, no optional upstreams, a 3 s cache, 1.5 s connects, 1 h idle streams. */
    public static RouterConfig defaults(String master) {
        return new RouterConfig("127.0.0.1", DEFAULT_PORT, master, null, null, null, null, null, null,
                Duration.ofSeconds(3), Duration.ofMillis(1500), Duration.ofHours(1));
    }

    /** The same settings listening on {@code host:port} (port 0 picks a free one). */
    public RouterConfig withListen(String newHost, int newPort) {
        return new RouterConfig(newHost, newPort, master, services, jobs, dns, kubernetes,
                packages, dashboard, cacheTtl, connectTimeout, idleTimeout);
    }

    /** The same settings with the services (Marathon API) base URL. */
    public RouterConfig withServices(URI url) {
        return new RouterConfig(host, port, master, url, jobs, dns, kubernetes,
                packages, dashboard, cacheTtl, connectTimeout, idleTimeout);
    }

    /** The same settings with the jobs (Chronos API) base URL. */
    public RouterConfig withJobs(URI url) {
        return new RouterConfig(host, port, master, services, url, dns, kubernetes,
                packages, dashboard, cacheTtl, connectTimeout, idleTimeout);
    }

    /** The same settings with the DNS HTTP API base URL. */
    public RouterConfig withDns(URI url) {
        return new RouterConfig(host, port, master, services, jobs, url, kubernetes,
                packages, dashboard, cacheTtl, connectTimeout, idleTimeout);
    }

    /**
     * The same settings with the Kubernetes API base URL, used for {@code /service/kubernetes} when no framework
     * or app of that name is known.
     */
    public RouterConfig withKubernetes(URI url) {
        return new RouterConfig(host, port, master, services, jobs, dns, url,
                packages, dashboard, cacheTtl, connectTimeout, idleTimeout);
    }

    /** The same settings with the package service's URL ({@code /package/...}, {@code /capabilities} go whole). */
    public RouterConfig withPackages(URI url) {
        return new RouterConfig(host, port, master, services, jobs, dns, kubernetes,
                url, dashboard, cacheTtl, connectTimeout, idleTimeout);
    }

    /** The same settings with the dashboard server's URL (it then serves {@code /}, {@code /dashboard/}, ...). */
    public RouterConfig withDashboard(URI url) {
        return new RouterConfig(host, port, master, services, jobs, dns, kubernetes,
                packages, url, cacheTtl, connectTimeout, idleTimeout);
    }

    /** The same settings with another lookup cache lifetime. */
    public RouterConfig withCacheTtl(Duration ttl) {
        return new RouterConfig(host, port, master, services, jobs, dns, kubernetes,
                packages, dashboard, ttl, connectTimeout, idleTimeout);
    }

    /** The same settings with another upstream connect timeout. */
    public RouterConfig withConnectTimeout(Duration timeout) {
        return new RouterConfig(host, port, master, services, jobs, dns, kubernetes,
                packages, dashboard, cacheTtl, timeout, idleTimeout);
    }

    private static void requireBase(String field, URI url) {
        if (url == null) {
            return;
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException(field + " must be an http(s)://host:port URL, not " + url);
        }
        String path = url.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException(field + " must be a base URL without a path, not " + url);
        }
    }

    private static void requirePositive(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, not " + d);
        }
    }
}
