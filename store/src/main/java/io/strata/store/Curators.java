package io.strata.store;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/**
 * Opens Curator clients with Strata's settings: bounded exponential-backoff retries and a connect that fails
 * with a clear {@link StoreException} instead of hanging.
 */
public final class Curators {

    /** The session timeout Mesos uses for masters, agents and detectors. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #connect(ZkAddress, Duration)} waits for the first connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);

    // 100 ms, 200 ms, 400 ms between 4 attempts, each waiting up to min(session, connect timeout) for a connection
    private static final int RETRY_BASE_SLEEP_MS = 100;
    private static final int RETRY_MAX_RETRIES = 3;
    private static final int RETRY_MAX_SLEEP_MS = 2_000;

    private Curators() {
    }

    /** Connects to {@code address} with {@link #DEFAULT_CONNECT_TIMEOUT}; see the three-argument form. */
    public static CuratorFramework connect(ZkAddress address, Duration sessionTimeout) {
        return connect(address, sessionTimeout, DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Starts a client for {@code address} and waits until it is connected; the caller closes the client.
     *
     * <p>The client is not namespaced: pass {@link ZkAddress#path()} as the base path to the store and to leader
     * election. ZooKeeper clamps the session timeout to [2, 20] server ticks. While ZooKeeper is unreachable a
     * request fails with {@code UNAVAILABLE} after 4 attempts, each waiting up to the shorter of the two timeouts
     * for a connection.
     *
     * @throws StoreException {@code UNAVAILABLE} if no server answered within {@code connectTimeout}
     */
    public static CuratorFramework connect(ZkAddress address, Duration sessionTimeout, Duration connectTimeout) {
        Objects.requireNonNull(address, "address");
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(address.connectString())
                .sessionTimeoutMs(positiveMillis(sessionTimeout, "session timeout"))
                .connectionTimeoutMs(Math.min(positiveMillis(sessionTimeout, "session timeout"),
                        positiveMillis(connectTimeout, "connect timeout")))
                .retryPolicy(new ExponentialBackoffRetry(RETRY_BASE_SLEEP_MS, RETRY_MAX_RETRIES, RETRY_MAX_SLEEP_MS))
                .build();
        client.start();
        try {
            blockUntilConnected(client, connectTimeout);
        } catch (StoreException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /**
     * Waits until {@code client} is connected.
     *
     * @throws StoreException {@code UNAVAILABLE} naming the connect string if that takes longer than
     *     {@code timeout}, or if the thread is interrupted (the interrupt flag is then set again)
     */
    public static void blockUntilConnected(CuratorFramework client, Duration timeout) {
        String connectString = client.getZookeeperClient().getCurrentConnectionString();
        try {
            if (!client.blockUntilConnected(positiveMillis(timeout, "timeout"), TimeUnit.MILLISECONDS)) {
                throw new StoreException(StoreException.Code.UNAVAILABLE,
                        "cannot reach ZooKeeper at " + connectString + " within " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Code.UNAVAILABLE,
                    "interrupted while connecting to ZooKeeper at " + connectString, e);
        }
    }

    private static int positiveMillis(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero() || duration.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive and fit in int milliseconds: " + duration);
        }
        return (int) duration.toMillis();
    }
}
