package io.strata.store.embedded;

import io.strata.store.StoreException;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.zookeeper.server.DatadirCleanupManager;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.admin.AdminServer.AdminServerException;
import org.apache.zookeeper.server.persistence.FileTxnLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone ZooKeeper server running inside this JVM, persisting to a data directory.
 *
 * <p>It is ZooKeeper's production entry point ({@link ZooKeeperServerMain}) run on a dedicated thread, not a test
 * server: data written before {@link #close()} is there again after a {@link #start} on the same directory. The
 * AdminServer (Jetty 9) is switched off, since Strata serves HTTP with Jetty 12. Old snapshots and logs are purged
 * hourly, keeping {@value #SNAPSHOTS_RETAINED}. Transaction logs grow in steps of {@value #PREALLOCATION_KIB} KiB
 * instead of ZooKeeper's 64 MiB, unless {@code -Dzookeeper.preAllocSize} says otherwise; that setting, like the
 * admin-server switch, is JVM-wide.
 *
 * <p>Sessions may last between 2 and 20 ticks of {@value #TICK_MILLIS} ms. There is no limit on connections per
 * client address, because on a one-node cluster every agent connects from the same host.
 */
public final class EmbeddedZooKeeper extends ZooKeeperServerMain implements AutoCloseable {

    /** Snapshots (and the logs they make obsolete) kept by the hourly purge. */
    public static final int SNAPSHOTS_RETAINED = 3;
    /** Transaction-log preallocation step, in KiB. */
    public static final int PREALLOCATION_KIB = 4 * 1024;
    /** ZooKeeper's basic time unit; session timeouts are clamped to [2, 20] ticks. */
    public static final int TICK_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int PURGE_INTERVAL_HOURS = 1;
    private static final String PREALLOCATION_PROPERTY = "zookeeper.preAllocSize";

    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String host;
    private final Path dataDir;
    private DatadirCleanupManager purger;
    private Thread serverThread;
    private int port;

    private EmbeddedZooKeeper(Path dataDir, String host) {
        this.dataDir = dataDir;
        this.host = host;
    }

    /**
     * Starts a server on {@code host:port} keeping its data in {@code dataDir}, and returns once it accepts
     * connections.
     *
     * @param dataDir the directory for snapshots and transaction logs; created if missing
     * @param host the address to listen on, usually {@code 127.0.0.1}
     * @param port the client port, or 0 to let the operating system pick a free one (see {@link #port()})
     * @throws StoreException {@code UNAVAILABLE} if the server cannot start, e.g. because the port is taken
     */
    public static EmbeddedZooKeeper start(Path dataDir, String host, int port) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0-65535, was " + port);
        }
        EmbeddedZooKeeper server = new EmbeddedZooKeeper(dataDir, host);
        server.run(port);
        return server;
    }

    /** Returns {@code host:port}, the connect string for clients. */
    public String connectString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Returns the port the server listens on, the chosen one when started with port 0. */
    public int port() {
        return port;
    }

    /** Returns the directory holding the server's snapshots and logs. */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server and waits until its files are closed. Idempotent; never throws. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (purger != null) {
            purger.shutdown();
        }
        shutdown();
        try {
            serverThread.join(STOP_TIMEOUT.toMillis());
            if (serverThread.isAlive()) {
                LOG.warn("embedded ZooKeeper on {} did not stop within {} s", connectString(),
                        STOP_TIMEOUT.toSeconds());
            } else {
                LOG.info("embedded ZooKeeper on {} stopped", connectString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedZooKeeper[" + connectString() + ", " + dataDir + "]";
    }

    /** Called by {@link ZooKeeperServerMain} on the server thread once the server is up. */
    @Override
    protected void serverStarted() {
        started.complete(null);
    }

    private void run(int requestedPort) {
        // both are read when ZooKeeper's server classes start; they must be set before runFromConfig
        System.setProperty("zookeeper.admin.enableServer", "false");
        if (System.getProperty(PREALLOCATION_PROPERTY) == null) {
            FileTxnLog.setPreallocSize(PREALLOCATION_KIB * 1024L);
        }
        File directory = createDirectory(dataDir);
        serverThread = new Thread(() -> serve(new Config(directory, new InetSocketAddress(host, requestedPort))),
                "strata-embedded-zookeeper");
        serverThread.setDaemon(true);
        serverThread.start();
        awaitStarted();
        port = getClientPort();
        awaitAcceptingConnections();
        purger = new DatadirCleanupManager(directory, directory, SNAPSHOTS_RETAINED, PURGE_INTERVAL_HOURS);
        purger.start();
        LOG.info("embedded ZooKeeper serving {} from {}", connectString(), dataDir);
    }

    private void serve(ServerConfig config) {
        try {
            runFromConfig(config);
        } catch (IOException | RuntimeException | AdminServerException e) {
            started.completeExceptionally(e);
            LOG.error("embedded ZooKeeper failed", e);
        } finally {
            started.completeExceptionally(new IllegalStateException("server stopped before it started"));
        }
    }

    private void awaitStarted() {
        try {
            started.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw startFailure(e.getCause());
        } catch (TimeoutException e) {
            throw startFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw startFailure(e);
        }
    }

    /** The serverStarted hook fires after the socket is bound; also prove that a client can connect. */
    private void awaitAcceptingConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) START_TIMEOUT.toMillis());
        } catch (IOException e) {
            throw startFailure(e);
        }
    }

    private StoreException startFailure(Throwable cause) {
        close();
        return new StoreException(StoreException.Code.UNAVAILABLE,
                "cannot start embedded ZooKeeper on " + host + " with data in " + dataDir + ": " + cause, cause);
    }

    private static File createDirectory(Path directory) {
        try {
            return Files.createDirectories(directory).toFile();
        } catch (IOException e) {
            throw new StoreException(StoreException.Code.UNAVAILABLE,
                    "cannot create ZooKeeper data directory " + directory + ": " + e, e);
        }
    }

    /** A server configuration built in code; {@link ServerConfig}'s fields are protected for this purpose. */
    private static final class Config extends ServerConfig {
        Config(File dataDirectory, InetSocketAddress address) {
            this.dataDir = dataDirectory;
            this.dataLogDir = dataDirectory;
            this.clientPortAddress = address;
            this.tickTime = TICK_MILLIS;
            this.maxClientCnxns = 0; // unlimited
        }
    }
}
