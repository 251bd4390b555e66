package io.strata.dashboard;

import io.strata.services.ServicesConfig;
import io.strata.services.ServicesFramework;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives every test class of the run one {@link TestCluster} (and one {@link Browser}), started on first use and
 * closed when the run ends (they live in JUnit's root store, which closes {@link AutoCloseable} values). Starting
 * ZooKeeper, a master, an agent and Chromium once instead of per class keeps the module's tests short on a
 * loaded machine; classes therefore leave the cluster as they found it (their frameworks torn down, their apps
 * destroyed) and assert counts relative to the master's own.
 */
final class SharedCluster implements BeforeAllCallback {
    private static ExtensionContext.Store store;

    /** The store's handle on the cluster: closing it also deletes the cluster's temporary directory. */
    private record Owned(TestCluster cluster) implements AutoCloseable {
        @Override
        public void close() {
            cluster.closeAndDelete();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (SharedCluster.class) {
            store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        }
    }

    /** The run's cluster. */
    static synchronized TestCluster cluster() {
        return store.computeIfAbsent(Owned.class, k -> new Owned(TestCluster.start(tempDir("strata-dashboard-it"))),
                Owned.class).cluster();
    }

    /**
     * The run's services framework (Marathon v2 API, framework name {@code marathon}) on the run's cluster, its
     * state under {@code /marathon} in the cluster's ZooKeeper; answering {@code /v2/apps} as leader.
     */
    static synchronized ServicesFramework services() {
        TestCluster cluster = cluster();
        return store.computeIfAbsent(ServicesFramework.class, k -> {
            ServicesFramework services = ServicesFramework.start(ServicesConfig.defaults(
                    cluster.zk.getConnectString() + "/marathon", cluster.master.url()).withPort(0));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> answers(services.url() + "/v2/apps"));
            return services;
        }, ServicesFramework.class);
    }

    private static boolean answers(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The run's browser (callers check {@link Browser#available()} first). */
    static synchronized Browser browser() {
        return store.computeIfAbsent(Browser.class, k -> new Browser(tempDir("strata-dashboard-chromium")),
                Browser.class);
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
