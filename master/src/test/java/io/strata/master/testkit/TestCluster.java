package io.strata.master.testkit;

import io.strata.master.Master;
import io.strata.master.MasterConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.curator.test.TestingServer;
import org.awaitility.Awaitility;

/**
 * An in-process ZooKeeper ({@link TestingServer}) and the real masters started on it, each on an ephemeral
 * port of 127.0.0.1. Closing the cluster closes every master, then ZooKeeper.
 */
public final class TestCluster implements AutoCloseable {
    /** The heartbeat interval of test masters. */
    public static final Duration HEARTBEAT = Duration.ofMillis(250);
    private final TestingServer zk;
    private final List<Master> masters = new ArrayList<>();

    private TestCluster() {
        try {
            zk = new TestingServer(true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start ZooKeeper", e);
        }
    }

    /** The ZooKeeper connect string (without the masters' base path /strata). */
    public String zkConnectString() {
        return zk.getConnectString();
    }

    /** Starts ZooKeeper. */
    public static TestCluster start() {
        return new TestCluster();
    }

    /**
     * Defaults for tests: 100 ms allocation interval and 250 ms heartbeats (a closed client stream is noticed
     * only when a write to it fails), everything else as Mesos.
     */
    public MasterConfig config() {
        return MasterConfig.defaults("127.0.0.1", 0, zk.getConnectString() + "/strata")
                .withAllocationInterval(Duration.ofMillis(100)).withHeartbeatInterval(HEARTBEAT);
    }

    /** Starts a master with tuned test defaults; does not wait for leadership. */
    public Master startMaster(UnaryOperator<MasterConfig> tune) {
        Master m = Master.start(tune.apply(config()));
        masters.add(m);
        return m;
    }

    /** Starts a master and waits until it leads. */
    public Master startLeader(UnaryOperator<MasterConfig> tune) {
        Master m = startMaster(tune);
        Awaitility.await("leadership").atMost(Duration.ofSeconds(15)).until(m::isLeader);
        return m;
    }

    /** Starts a master with test defaults and waits until it leads. */
    public Master startLeader() {
        return startLeader(c -> c);
    }

    @Override
    public void close() {
        for (Master m : masters) {
            m.close();
        }
        try {
            zk.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
