package io.strata.dashboard.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.client.HttpTransport;
import io.strata.client.MasterLocator;
import io.strata.dashboard.upstream.MasterEndpoint;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** The operator stream against real masters elected through a real ZooKeeper. */
class OperatorStreamTest {
    @Test
    void stream_leaderFails_reconnectsToTheNewLeader() throws Exception {
        try (TestingServer zk = new TestingServer(true)) {
            String path = zk.getConnectString() + "/strata";
            Master first = Master.start(MasterConfig.defaults("127.0.0.1", 0, path)
                    .withHeartbeatInterval(Duration.ofSeconds(1)));
            Master second = null;
            List<ClusterSummary> heard = new CopyOnWriteArrayList<>();
            MasterEndpoint endpoint = new MasterEndpoint("zk://" + path, MasterLocator.standard(),
                    HttpTransport.create());
            try (OperatorStream stream = new OperatorStream(endpoint, (summary, event) -> heard.add(summary))) {
                assertThat(first.awaitLeadership(Duration.ofSeconds(30))).isTrue();
                second = Master.start(MasterConfig.defaults("127.0.0.1", 0, path)
                        .withHeartbeatInterval(Duration.ofSeconds(1)));
                stream.start();
                String firstUrl = first.url();
                await().atMost(Duration.ofSeconds(30)).until(() -> stream.summary().connected()
                        && stream.summary().leader().equals(firstUrl));

                first.close();
                String secondUrl = second.url();
                await().atMost(Duration.ofSeconds(60)).until(() -> stream.summary().connected()
                        && stream.summary().leader().equals(secondUrl));
                // listeners saw the gap: a disconnected summary between the two leaders
                assertThat(heard).anySatisfy(s -> assertThat(s.connected()).isFalse());
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }
    }
}
