package io.strata.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** zk:// resolution against a real in-process ZooKeeper, with members written as Mesos masters write them. */
class ZooKeeperLeaderLookupTest {
    private TestingServer zooKeeper;
    private CuratorFramework curator;

    @BeforeEach
    void start() throws Exception {
        zooKeeper = new TestingServer(true);
        curator = CuratorFrameworkFactory.newClient(zooKeeper.getConnectString(), new RetryOneTime(100));
        curator.start();
        curator.blockUntilConnected();
    }

    @AfterEach
    void stop() throws Exception {
        curator.close();
        zooKeeper.close();
    }

    private void contend(String masterInfoJson) throws Exception {
        curator.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath("/strata/json.info_", masterInfoJson.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void resolve_zkAddress_smallestSequenceLeads() throws Exception {
        contend("{\"id\":\"m1\",\"pid\":\"master@127.0.0.1:5050\",\"hostname\":\"m1\","
                + "\"address\":{\"hostname\":\"m1\",\"ip\":\"127.0.0.1\",\"port\":5050}}");
        contend("{\"id\":\"m2\",\"pid\":\"master@127.0.0.2:5050\",\"hostname\":\"m2\","
                + "\"address\":{\"hostname\":\"m2\",\"ip\":\"127.0.0.2\",\"port\":5050}}");
        curator.create().forPath("/strata/log_replicas"); // other children are ignored

        URI master = MasterLocator.standard().resolve("zk://" + zooKeeper.getConnectString() + "/strata");

        assertThat(master).isEqualTo(URI.create("http://127.0.0.1:5050"));
    }

    @Test
    void leader_noMember_unavailable() {
        var lookup = new ZooKeeperLeaderLookup();

        assertThatThrownBy(() -> lookup.leader("zk://" + zooKeeper.getConnectString() + "/strata",
                Duration.ofMillis(500)))
                .isInstanceOfSatisfying(StrataClientException.class,
                        e -> assertThat(e.code()).isEqualTo(StrataClientException.Code.UNAVAILABLE))
                .hasMessageContaining("no leading master under zk://");
    }

    @Test
    void leader_badZkAddress_invalidAddress() {
        assertThatThrownBy(() -> new ZooKeeperLeaderLookup().leader("zk://host:notaport/strata", Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(StrataClientException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(2));
    }
}
