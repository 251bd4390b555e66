package io.strata.dashboard;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata dashboard-server}: the web dashboard's server, normally behind the admin router at {@code /}. */
@Command(name = "dashboard-server", mixinStandardHelpOptions = true,
        description = "Run the web dashboard: the UI at /, a live feed of the master's events at /dashboard/api/events, "
                + "allocation history at /dashboard/api/history and task logs at /dashboard/api/tasks/{id}/log.")
public final class DashboardCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "" + DashboardConfig.DEFAULT_PORT,
            description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--master", defaultValue = "http://127.0.0.1:5050",
            description = "Any master's URL, or zk://host:port[,host:port]/path to follow the leader "
                    + "(default ${DEFAULT-VALUE}).")
    String master;
    @Option(names = "--sample-interval-ms", defaultValue = "2000",
            description = "How often /metrics/snapshot is sampled into the history (default ${DEFAULT-VALUE}).")
    long sampleIntervalMs;
    @Option(names = "--proxy-mesos", description = "Serve /mesos/* from this master URL (only without the admin router).")
    URI mesos;
    @Option(names = "--proxy-services", description = "Serve /marathon/* from this services URL (only without the admin router).")
    URI services;
    @Option(names = "--proxy-packages", description = "Serve /package/* from this package service URL (only without the admin router).")
    URI packages;

    @Override
    public Integer call() throws InterruptedException {
        DashboardConfig config = DashboardConfig.defaults(master).withListen(host, port)
                .withSampleInterval(Duration.ofMillis(sampleIntervalMs));
        if (mesos != null) {
            config = config.withMesosUpstream(mesos);
        }
        if (services != null) {
            config = config.withServicesUpstream(services);
        }
        if (packages != null) {
            config = config.withPackagesUpstream(packages);
        }
        DashboardServer server = DashboardServer.start(config);
        System.out.println("dashboard: " + server.url() + " (master " + master + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "strata-dashboard-shutdown"));
        stopped.await();
        return 0;
    }
}
