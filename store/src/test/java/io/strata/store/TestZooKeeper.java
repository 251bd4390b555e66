package io.strata.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * An in-process ZooKeeper (Curator's {@link TestingServer}) with a short tick, so sessions can be as short as
 * 200 ms, plus the clients opened against it; closing it closes them all.
 */
public final class TestZooKeeper implements AutoCloseable {

    /** Short enough for fast failover tests, long enough not to expire on a busy two-core machine. */
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(3);

    private static final int TICK_MILLIS = 100;

    private final TestingServer server;
    private final List<CuratorFramework> clients = new ArrayList<>();

    public TestZooKeeper() {
        try {
            server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MILLIS, -1), true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start TestingServer", e);
        }
    }

    /** The server's connect string. */
    public String connectString() {
        return server.getConnectString();
    }

    /** A connected client with {@link #SESSION_TIMEOUT}, closed with this server. */
    public CuratorFramework newClient() {
        CuratorFramework client =
                Curators.connect(ZkAddress.parse(connectString() + "/strata"), SESSION_TIMEOUT, Duration.ofSeconds(10));
        clients.add(client);
        return client;
    }

    /** Expires the client's session on the server, as a long partition would: its ephemeral nodes vanish. */
    public void expireSession(CuratorFramework client) {
        try {
            ZooKeeper zooKeeper = client.getZookeeperClient().getZooKeeper();
            CountDownLatch connected = new CountDownLatch(1);
            Watcher watcher = event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            };
            ZooKeeper twin = new ZooKeeper(connectString(), (int) SESSION_TIMEOUT.toMillis(), watcher,
                    zooKeeper.getSessionId(), zooKeeper.getSessionPasswd());
            if (!connected.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("twin session did not connect");
            }
            twin.close(); // closing the twin closes the shared session on the server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot expire session", e);
        }
    }

    @Override
    public void close() {
        for (CuratorFramework client : clients) {
            client.close();
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
