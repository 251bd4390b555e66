package io.strata.dist;

import io.strata.dashboard.DashboardConfig;
import io.strata.dashboard.DashboardServer;
import io.strata.dns.DnsConfig;
import io.strata.dns.DnsServer;
import io.strata.jobs.JobsConfig;
import io.strata.jobs.JobsFramework;
import io.strata.kubernetes.KubernetesConfig;
import io.strata.kubernetes.KubernetesFramework;
import io.strata.packages.PackageService;
import io.strata.packages.PackagesConfig;
import io.strata.router.AdminRouter;
import io.strata.router.RouterConfig;
import io.strata.services.ServicesConfig;
import io.strata.services.ServicesFramework;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The layers above the kernel, as {@code strata up} runs them beside a {@link LocalCluster}: the services
 * (Marathon API) and jobs (Chronos API) frameworks, DNS, the package service, the dashboard, the admin router and,
 * on request, the Kubernetes framework. Each is a separate component that reaches the others only over HTTP (and
 * ZooKeeper for its own state, each under its own path), exactly as when they run as separate processes.
 *
 * <p>Closing stops them in reverse start order; the kernel is closed by its owner.
 */
public final class ClusterStack implements AutoCloseable {
    /** Which optional parts run and on which ports (0 = ephemeral, for tests). */
    public record Settings(int servicesPort, int jobsPort, int dnsPort, int dnsHttpPort, int packagesPort,
                           int dashboardPort, int routerPort, int kubernetesPort, boolean kubernetes) {
        /** The conventional ports: 8080, 4400, 8053 (HTTP 8123), 7075, 7071, 7070 and 6443. */
        public static Settings defaults(boolean kubernetes) {
            return new Settings(ServicesConfig.DEFAULT_PORT, JobsConfig.DEFAULT_PORT, DnsConfig.DEFAULT_DNS_PORT,
                    DnsConfig.DEFAULT_HTTP_PORT, PackagesConfig.DEFAULT_PORT, DashboardConfig.DEFAULT_PORT,
                    RouterConfig.DEFAULT_PORT, KubernetesConfig.DEFAULT_PORT, kubernetes);
        }

        /** Every port ephemeral. */
        public static Settings forTests(boolean kubernetes) {
            return new Settings(0, 0, 0, 0, 0, 0, 0, 0, kubernetes);
        }
    }

    private final Deque<AutoCloseable> started;
    private final ServicesFramework services;
    private final JobsFramework jobs;
    private final DnsServer dns;
    private final PackageService packages;
    private final DashboardServer dashboard;
    private final AdminRouter router;
    private final Optional<KubernetesFramework> kubernetes;

    private ClusterStack(Deque<AutoCloseable> started, ServicesFramework services, JobsFramework jobs, DnsServer dns,
                         PackageService packages, DashboardServer dashboard, AdminRouter router,
                         Optional<KubernetesFramework> kubernetes) {
        this.started = started;
        this.services = services;
        this.jobs = jobs;
        this.dns = dns;
        this.packages = packages;
        this.dashboard = dashboard;
        this.router = router;
        this.kubernetes = kubernetes;
    }

    /**
     * Starts every part against the kernel at {@code zk} (host:port of ZooKeeper, no path) with the master found
     * under {@code zk://<zk>/strata}; reports each on {@code progress}. A part that fails to start stops the ones
     * already started and the failure propagates.
     */
    public static ClusterStack start(String zk, Settings s, Consumer<String> progress) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        String master = "zk://" + zk + "/strata";
        try {
            ServicesFramework services = ServicesFramework.start(
                    ServicesConfig.defaults("zk://" + zk + "/marathon", master).withPort(s.servicesPort()));
            started.push(services);
            progress.accept("services    " + services.url() + "  (Marathon API, framework marathon)");
            JobsFramework jobs = JobsFramework.start(
                    JobsConfig.defaults(zk + "/chronos", master).withPort(s.jobsPort()));
            started.push(jobs);
            progress.accept("jobs        " + jobs.url() + "  (Chronos API, framework chronos)");
            Optional<KubernetesFramework> kubernetes = Optional.empty();
            if (s.kubernetes()) {
                KubernetesFramework k8s = KubernetesFramework.start(
                        KubernetesConfig.of(zk, master, s.kubernetesPort())); // objects under /strata/kubernetes
                started.push(k8s);
                // Services' ClusterIPs (loopback) and NodePorts are served by a service proxy; on one machine the
                // framework's process runs it
                k8s.startServiceProxy("127.0.0.1");
                kubernetes = Optional.of(k8s);
                progress.accept("kubernetes  " + k8s.url());
            }
            int routerPort = s.routerPort() == 0 ? freePort() : s.routerPort();
            String routerUrl = "http://127.0.0.1:" + routerPort;
            // <service>.<namespace>.svc.cluster.local from the Kubernetes API's watch: the one started here, else
            // the one 'strata package install kubernetes' runs, which the router serves at /service/kubernetes
            // (until it is installed the watch retries with backoff and cluster.local answers NXDOMAIN)
            URI kubernetesApi = kubernetes.map(k -> URI.create(k.url()))
                    .orElse(URI.create(routerUrl + "/service/kubernetes"));
            DnsServer dns = DnsServer.start(DnsConfig.defaults(master).withPorts(s.dnsPort(), s.dnsHttpPort())
                    .withKubernetes(kubernetesApi));
            started.push(dns);
            progress.accept("dns         127.0.0.1:" + dns.dnsPort() + " (UDP/TCP), http://127.0.0.1:"
                    + dns.httpPort());
            // the cluster's ZooKeeper root: repositories under /packages, and {{strata.zk}} for packages such as
            // kubernetes is the same address 'strata up --with kubernetes' uses
            PackageService packages = PackageService.start(PackagesConfig.defaults(zk)
                    .withServices(services.url()).withRouter(routerUrl).withMaster(master)
                    .withPort(s.packagesPort()));
            started.push(packages);
            progress.accept("packages    " + packages.url());
            DashboardServer dashboard = DashboardServer.start(
                    DashboardConfig.defaults(master).withListen("127.0.0.1", s.dashboardPort()));
            started.push(dashboard);
            RouterConfig routerConfig = RouterConfig.defaults(master).withListen("127.0.0.1", routerPort)
                    .withServices(URI.create(services.url())).withJobs(URI.create(jobs.url()))
                    .withDns(URI.create("http://127.0.0.1:" + dns.httpPort()))
                    .withPackages(URI.create(packages.url())).withDashboard(dashboard.url());
            if (kubernetes.isPresent()) {
                routerConfig = routerConfig.withKubernetes(URI.create(kubernetes.get().url()));
            }
            AdminRouter router = AdminRouter.start(routerConfig);
            started.push(router);
            progress.accept("router      " + router.url() + "  (dashboard, /mesos, /marathon, /chronos, /service/<name>)");
            return new ClusterStack(started, services, jobs, dns, packages, dashboard, router, kubernetes);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** The services framework (Marathon API). */
    public ServicesFramework services() {
        return services;
    }

    /** The jobs framework (Chronos API). */
    public JobsFramework jobs() {
        return jobs;
    }

    /** The DNS server. */
    public DnsServer dns() {
        return dns;
    }

    /** The package service (Cosmos API). */
    public PackageService packages() {
        return packages;
    }

    /** The dashboard server (served at the router's root). */
    public DashboardServer dashboard() {
        return dashboard;
    }

    /** The admin router. */
    public AdminRouter router() {
        return router;
    }

    /** The Kubernetes framework, when started. */
    public Optional<KubernetesFramework> kubernetes() {
        return kubernetes;
    }

    /** Stops every part, the last started first. */
    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                // keep stopping the others; a part that fails to stop is reported and left behind
                System.err.println("strata: stopping " + e.getMessage());
            }
        }
    }

    /** A free loopback port, for a part whose URL others need before it starts (tests only). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }
}
