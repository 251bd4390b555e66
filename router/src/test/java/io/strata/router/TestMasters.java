package io.strata.router;

import io.strata.master.Master;
import io.strata.master.MasterConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.awaitility.Awaitility;

/** An in-process ZooKeeper and real masters on ephemeral loopback ports; the first started leads. */
final class TestMasters implements AutoCloseable {
    private final TestingServer zk;
    private final List<Master> masters = new ArrayList<>();

    TestMasters() throws Exception {
        zk = new TestingServer(true);
    }

    /** Starts a master and waits until it leads or knows the leader. */
    Master start() {
        Master m = Master.start(MasterConfig.defaults("127.0.0.1", 0, zkUrl().substring("zk://".length()))
                .withHeartbeatInterval(Duration.ofMillis(500)));
        masters.add(m);
        Awaitility.await("a known leader").atMost(Duration.ofSeconds(30)).until(() -> m.leaderUrl().isPresent());
        return m;
    }

    /** The cluster's ZooKeeper address as the router takes it. */
    String zkUrl() {
        return "zk://" + zk.getConnectString() + "/strata";
    }

    @Override
    public void close() throws IOException {
        for (Master m : masters) {
            m.close();
        }
        zk.close();
    }
}
