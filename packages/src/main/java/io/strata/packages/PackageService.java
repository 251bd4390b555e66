package io.strata.packages;

import io.strata.packages.cosmos.Catalog;
import io.strata.packages.cosmos.Cosmos;
import io.strata.packages.http.CosmosHttpApi;
import io.strata.packages.marathon.HttpMarathonApps;
import io.strata.packages.render.ClusterValues;
import io.strata.packages.render.PackageRenderer;
import io.strata.packages.repository.RepositoryCache;
import io.strata.packages.repository.ZkRepositoryList;
import io.strata.server.HttpServer;
import io.strata.store.Curators;
import io.strata.store.ZkAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;

/**
 * The running package service (Strata's Cosmos): the repository list in ZooKeeper, the repositories' packages,
 * and the HTTP API that renders packages and installs them through the services (Marathon) API.
 *
 * <p>Lifecycle: {@link #start(PackagesConfig)} returns a started service; {@link #close()} stops the HTTP server
 * and the ZooKeeper client and may be called more than once.
 */
public final class PackageService implements AutoCloseable {
    /** How long a remote repository's index is kept before it is fetched again. */
    public static final Duration REPOSITORY_TTL = Duration.ofMinutes(5);

    private final CuratorFramework curator;
    private final HttpServer server;
    private final String host;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PackageService(CuratorFramework curator, HttpServer server, String host) {
        this.curator = curator;
        this.server = server;
        this.host = host;
    }

    /**
     * Connects to ZooKeeper (seeding the repository list with the built-in repository on first use) and starts
     * the HTTP API.
     *
     * @throws io.strata.store.StoreException when ZooKeeper cannot be reached
     * @throws IllegalStateException when the port cannot be bound
     */
    public static PackageService start(PackagesConfig config) {
        ZkAddress zk = config.zkAddress();
        CuratorFramework curator = Curators.connect(zk, Curators.DEFAULT_SESSION_TIMEOUT);
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NORMAL).build();
            ZkRepositoryList repositories = new ZkRepositoryList(curator, zk.path());
            Catalog catalog = new Catalog(repositories, new RepositoryCache(http, InstantSource.system(),
                    REPOSITORY_TTL));
            PackageRenderer renderer = new PackageRenderer(new ClusterValues(zk.toString(),
                    config.masterForTemplates(), config.router(), config.services(),
                    // the JDK running Strata runs the jar that packages fetch from the router
                    java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            Cosmos cosmos = new Cosmos(catalog, repositories, renderer,
                    new HttpMarathonApps(URI.create(config.services()), http));
            HttpServer server = HttpServer.start(config.host(), config.port(), new CosmosHttpApi(cosmos)::routes);
            return new PackageService(curator, server, config.host());
        } catch (RuntimeException e) {
            curator.close();
            throw e;
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:7075}; the API is below {@code <url>/package/}. */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
    }

    /** The bound HTTP port. */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                server.close();
            } finally {
                curator.close();
            }
        }
    }
}
