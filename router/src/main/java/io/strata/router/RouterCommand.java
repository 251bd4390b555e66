package io.strata.router;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata router}: the admin router, one HTTP entry point for the cluster. */
@Command(name = "router", mixinStandardHelpOptions = true,
        description = "Run the admin router: /mesos, /marathon, /chronos, /mesos_dns, /service/<name>, "
                + "/system/health and the dashboard behind one port.")
public final class RouterCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "7070", description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--master", defaultValue = "http://127.0.0.1:5050",
            description = "Any master's URL, or zk://host:port[,host:port]/path to follow the leader (default ${DEFAULT-VALUE}).")
    String master;
    @Option(names = "--services", description = "Base URL of the services framework's Marathon API, e.g. http://127.0.0.1:8080.")
    URI services;
    @Option(names = "--jobs", description = "Base URL of the jobs framework's Chronos API, e.g. http://127.0.0.1:4400.")
    URI jobs;
    @Option(names = "--dns", description = "Base URL of the DNS HTTP API, e.g. http://127.0.0.1:8123.")
    URI dns;
    @Option(names = "--kubernetes", description = "Base URL of the Kubernetes API, used for /service/kubernetes when no framework of that name is registered.")
    URI kubernetes;
    @Option(names = "--packages", description = "Base URL of the package service; /package/... and /capabilities go there whole.")
    URI packages;
    @Option(names = "--dashboard", description = "Base URL of the dashboard server; it then serves /, /dashboard/... and /webjars/....")
    URI dashboard;
    @Option(names = "--cache-ttl", defaultValue = "3", description = "Seconds a service or leader lookup is reused (default ${DEFAULT-VALUE}).")
    long cacheTtl;
    @Option(names = "--connect-timeout-ms", defaultValue = "1500", description = "Upstream connect timeout in ms: how fast a down upstream gets its 502 (default ${DEFAULT-VALUE}).")
    long connectTimeoutMs;

    @Override
    public Integer call() throws InterruptedException {
        RouterConfig config = RouterConfig.defaults(master).withListen(host, port).withServices(services)
                .withJobs(jobs).withDns(dns).withKubernetes(kubernetes).withPackages(packages).withDashboard(dashboard).withCacheTtl(Duration.ofSeconds(cacheTtl))
                .withConnectTimeout(Duration.ofMillis(connectTimeoutMs));
        AdminRouter router = AdminRouter.start(config);
        System.out.println("router: " + router.url() + " (master " + master + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            router.close();
            stopped.countDown();
        }, "strata-router-shutdown"));
        stopped.await();
        return 0;
    }
}
