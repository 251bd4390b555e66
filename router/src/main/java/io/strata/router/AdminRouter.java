package io.strata.router;

import io.strata.client.MasterLocator;
import io.strata.router.health.Component;
import io.strata.router.health.HealthCheck;
import io.strata.router.proxy.RoutingProxy;
import io.strata.router.proxy.UpgradeTunnel;
import io.strata.router.route.HttpFetcher;
import io.strata.router.route.LeaderLocator;
import io.strata.router.route.Lookup;
import io.strata.router.route.RedirectLeaderLocator;
import io.strata.router.route.Route;
import io.strata.router.route.Routes;
import io.strata.router.route.ServiceDirectory;
import io.strata.router.route.UpstreamResolver;
import io.strata.router.route.ZooKeeperLeaderLocator;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A running admin router: a Jetty server on {@link RouterConfig#host()}:{@link RouterConfig#port()} in front of
 * the leading master, the services and jobs frameworks, the DNS API, every framework's web UI and the dashboard.
 * Started by {@link #start}, stopped by {@link #close} (idempotent).
 */
public final class AdminRouter implements AutoCloseable {
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private final Server server;
    private final LeaderLocator leader;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AdminRouter(Server server, LeaderLocator leader, String url) {
        this.server = server;
        this.leader = leader;
        this.url = url;
    }

    /**
     * Starts a router with {@code config}.
     *
     * @throws IllegalArgumentException for a malformed master address
     * @throws IllegalStateException when the port cannot be bound (the message names host and port)
     */
    public static AdminRouter start(RouterConfig config) {
        HttpFetcher fetcher = new HttpFetcher(config.connectTimeout(), FETCH_TIMEOUT);
        LeaderLocator leader = leaderLocator(config, fetcher);
        try {
            UpstreamResolver resolver = resolver(config, fetcher, leader);
            RoutingProxy proxy = new RoutingProxy(config.connectTimeout(), config.idleTimeout(),
                    target -> resolver.upstreamFailed(route(target.prefix())));
            UpgradeTunnel tunnel = new UpgradeTunnel(config.connectTimeout(), config.idleTimeout());
            HealthCheck health = new HealthCheck(components(resolver), fetcher, Duration.ofSeconds(2));
            Server server = server(config, new RouterHandler(resolver, proxy, tunnel, health));
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            return new AdminRouter(server, leader, "http://" + hostForUrl(config.host()) + ":" + port);
        } catch (RuntimeException e) {
            leader.close();
            throw e;
        }
    }

    private static LeaderLocator leaderLocator(RouterConfig config, HttpFetcher fetcher) {
        if (config.master().startsWith("zk://")) {
            return ZooKeeperLeaderLocator.start(config.master(), Duration.ofSeconds(15));
        }
        URI master = MasterLocator.standard().resolve(config.master());
        return new RedirectLeaderLocator(master, fetcher, config.cacheTtl(), InstantSource.system());
    }

    private static UpstreamResolver resolver(RouterConfig config, HttpFetcher fetcher, LeaderLocator leader) {
        ServiceDirectory directory = new ServiceDirectory(leader, Optional.ofNullable(config.services()), fetcher,
                config.cacheTtl(), InstantSource.system());
        return new UpstreamResolver(leader, directory, Optional.ofNullable(config.services()),
                Optional.ofNullable(config.jobs()), Optional.ofNullable(config.dns()),
                Optional.ofNullable(config.kubernetes()), Optional.ofNullable(config.packages()),
                Optional.ofNullable(config.dashboard()));
    }

    private static List<Component> components(UpstreamResolver resolver) {
        return List.of(
                new Component("mesos", lookup(resolver, "/mesos"), "/health"),
                new Component("marathon", lookup(resolver, "/marathon"), "/v2/info"),
                new Component("chronos", lookup(resolver, "/chronos"), "/"),
                new Component("mesos_dns", lookup(resolver, "/mesos_dns"), "/v1/version"),
                new Component("kubernetes", lookup(resolver, "/service/kubernetes"), "/healthz"),
                new Component("package", lookup(resolver, "/package"), "/capabilities"),
                new Component("dashboard", lookup(resolver, "/dashboard"), "/"));
    }

    private static Supplier<Lookup> lookup(UpstreamResolver resolver, String prefix) {
        Route.Proxy route = route(prefix);
        return () -> resolver.resolve(route);
    }

    private static Route.Proxy route(String prefix) {
        return (Route.Proxy) Routes.match(prefix + "/");
    }

    private static Server server(RouterConfig config, RouterHandler handler) {
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("strata-router");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        server.addConnector(connector);
        server.setHandler(handler);
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing: the bind error below is the one to report
            }
            throw new IllegalStateException("cannot start the router on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        return server;
    }

    private static String hostForUrl(String host) {
        if (host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** The router's base URL, e.g. {@code http://127.0.0.1:7070}. */
    public String url() {
        return url;
    }

    /** The bound port. */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Stops serving and closes upstream connections and the ZooKeeper session; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the router at " + url + ": " + e.getMessage(), e);
        } finally {
            leader.close();
        }
    }
}
