package io.strata.dashboard;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of a {@link DashboardServer}.
 *
 * @param master the master: {@code http://host:port}, {@code host:port} or {@code zk://host:port/path}
 * @param host the address to listen on (e.g. 127.0.0.1)
 * @param port the port to listen on; 0 picks a free one
 * @param sampleInterval how often the master's {@code /metrics/snapshot} is sampled into the history
 * @param historyCapacity how many samples the history keeps (31 at 2 s is the DC/OS dashboard's minute)
 * @param mesosUpstream when present, {@code /mesos/*} is passed through to this master URL (no router in front)
 * @param servicesUpstream when present, {@code /marathon/*} is passed through to this services (Marathon v2) URL
 * @param packagesUpstream when present, {@code /package/*} is passed through to this package service URL
 */
public record DashboardConfig(String master, String host, int port, Duration sampleInterval, int historyCapacity,
                              Optional<URI> mesosUpstream, Optional<URI> servicesUpstream,
                              Optional<URI> packagesUpstream) {
    /** The port the dashboard listens on by default (the admin router, on 7070, serves it at {@code /}). */
    public static final int DEFAULT_PORT = 7071;
    /** The default sampling period. */
    public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(2);
    /** The default history length: 30 minutes at the default period. */
    public static final int DEFAULT_HISTORY_CAPACITY = 900;

    /** Validates every field, naming the bad one. */
    public DashboardConfig {
        if (master == null || master.isBlank()) {
            throw new IllegalArgumentException("master must not be blank");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (sampleInterval == null || sampleInterval.toMillis() < 100) {
            throw new IllegalArgumentException("sampleInterval must be at least 100 ms, not " + sampleInterval);
        }
        if (historyCapacity < 2 || historyCapacity > 100_000) {
            throw new IllegalArgumentException("historyCapacity must be 2..100000, not " + historyCapacity);
        }
        if (mesosUpstream == null || servicesUpstream == null || packagesUpstream == null) {
            throw new IllegalArgumentException("upstreams must be Optional, not null");
        }
    }

    /** Defaults for a master address: 127.0.0.1:{@value #DEFAULT_PORT}, 2 s samples, no pass-through. */
    public static DashboardConfig defaults(String master) {
        return new DashboardConfig(master, "127.0.0.1", DEFAULT_PORT, DEFAULT_SAMPLE_INTERVAL,
                DEFAULT_HISTORY_CAPACITY, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same settings listening on {@code host:port}. */
    public DashboardConfig withListen(String newHost, int newPort) {
        return new DashboardConfig(master, newHost, newPort, sampleInterval, historyCapacity, mesosUpstream,
                servicesUpstream, packagesUpstream);
    }

    /** The same settings sampling every {@code interval}. */
    public DashboardConfig withSampleInterval(Duration interval) {
        return new DashboardConfig(master, host, port, interval, historyCapacity, mesosUpstream, servicesUpstream,
                packagesUpstream);
    }

    /** The same settings passing {@code /mesos/*} through to {@code url}. */
    public DashboardConfig withMesosUpstream(URI url) {
        return new DashboardConfig(master, host, port, sampleInterval, historyCapacity, Optional.of(url),
                servicesUpstream, packagesUpstream);
    }

    /** The same settings passing {@code /marathon/*} through to {@code url}. */
    public DashboardConfig withServicesUpstream(URI url) {
        return new DashboardConfig(master, host, port, sampleInterval, historyCapacity, mesosUpstream,
                Optional.of(url), packagesUpstream);
    }

    /** The same settings passing {@code /package/*} through to {@code url}. */
    public DashboardConfig withPackagesUpstream(URI url) {
        return new DashboardConfig(master, host, port, sampleInterval, historyCapacity, mesosUpstream,
                servicesUpstream, Optional.of(url));
    }
}
