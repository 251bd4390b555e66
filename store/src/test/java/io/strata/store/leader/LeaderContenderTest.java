package io.strata.store.leader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.strata.store.TestZooKeeper;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaderContenderTest {

    private static final String BASE = "/strata";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final byte[] MASTER_1 = json("master@127.0.0.1:5050");
    private static final byte[] MASTER_2 = json("master@127.0.0.1:5051");

    private TestZooKeeper zooKeeper;

    @BeforeEach
    void startServer() {
        zooKeeper = new TestZooKeeper();
    }

    @AfterEach
    void stopServer() {
        zooKeeper.close();
    }

    @Test
    void start_singleContender_becomesLeaderWithEpochOne() throws Exception {
        CuratorFramework client = zooKeeper.newClient();
        RecordingListener listener = new RecordingListener();
        try (LeaderContender contender = new LeaderContender(client, BASE, MASTER_1, listener)) {
            contender.start();

            assertThat(contender.awaitLeadership(WAIT)).contains(new Epoch(1, 0));
            assertThat(contender.isLeader()).isTrue();
            assertThat(contender.epoch()).contains(new Epoch(1, 0));
            await().atMost(WAIT).until(() -> listener.events().equals(List.of("elected 1")));
            assertThat(new String(client.getData().forPath(BASE + "/epoch"), UTF_8)).isEqualTo("1");
        }
    }

    @Test
    void start_member_isEphemeralSequentialJsonInfoWithCallersData() throws Exception {
        CuratorFramework client = zooKeeper.newClient();
        try (LeaderContender contender = new LeaderContender(client, BASE, MASTER_1, new RecordingListener())) {
            contender.start();
            contender.awaitLeadership(WAIT).orElseThrow();

            List<String> members = client.getChildren().forPath(BASE).stream()
                    .filter(name -> name.startsWith("json.info_")).toList();
            assertThat(members).singleElement().asString().matches("json\\.info_\\d{10}");
            String path = BASE + "/" + members.get(0);
            assertThat(client.getData().forPath(path)).isEqualTo(MASTER_1);
            assertThat(client.checkExists().forPath(path).getEphemeralOwner())
                    .isEqualTo(client.getZookeeperClient().getZooKeeper().getSessionId());
        }
    }

    @Test
    void close_leaderOfTwo_otherIsElectedWithEpochTwo() throws Exception {
        RecordingListener firstListener = new RecordingListener();
        RecordingListener secondListener = new RecordingListener();
        LeaderContender first = new LeaderContender(zooKeeper.newClient(), BASE, MASTER_1, firstListener);
        try (LeaderContender second = new LeaderContender(zooKeeper.newClient(), BASE, MASTER_2, secondListener)) {
            first.start();
            assertThat(first.awaitLeadership(WAIT)).map(Epoch::value).contains(1L);
            second.start();
            assertThat(second.awaitLeadership(Duration.ofMillis(500))).isEmpty();

            first.close();

            assertThat(second.awaitLeadership(WAIT)).map(Epoch::value).contains(2L);
            assertThat(first.isLeader()).isFalse();
            assertThat(firstListener.events()).containsExactly("elected 1", "lost contender closed");
            await().atMost(WAIT).until(() -> secondListener.events().equals(List.of("elected 2")));
        } finally {
            first.close();
        }
    }

    @Test
    void sessionExpiry_leader_reportsLostAndOtherTakesOver() throws Exception {
        CuratorFramework firstClient = zooKeeper.newClient();
        RecordingListener firstListener = new RecordingListener();
        try (LeaderContender first = new LeaderContender(firstClient, BASE, MASTER_1, firstListener);
                LeaderContender second = new LeaderContender(zooKeeper.newClient(), BASE, MASTER_2,
                        new RecordingListener())) {
            first.start();
            first.awaitLeadership(WAIT).orElseThrow();
            second.start();

            zooKeeper.expireSession(firstClient);

            assertThat(second.awaitLeadership(WAIT)).map(Epoch::value).contains(2L);
            await().atMost(WAIT).until(() -> firstListener.events().size() >= 2);
            assertThat(firstListener.events().get(0)).isEqualTo("elected 1");
            // "connection suspended", "session lost" or "membership znode disappeared", whichever is seen first
            assertThat(firstListener.events().get(1)).startsWith("lost ");
            // the expired contender rejoined with a fresh member and waits behind the new leader
            await().atMost(WAIT).until(() -> memberCount(firstClient) == 2);
            assertThat(first.isLeader()).isFalse();
        }
    }

    @Test
    void sessionExpiry_onlyContender_losesThenRegainsWithHigherEpoch() throws Exception {
        CuratorFramework client = zooKeeper.newClient();
        RecordingListener listener = new RecordingListener();
        try (LeaderContender contender = new LeaderContender(client, BASE, MASTER_1, listener)) {
            contender.start();
            contender.awaitLeadership(WAIT).orElseThrow();

            zooKeeper.expireSession(client);

            await().atMost(WAIT).until(() -> listener.events().size() >= 3);
            assertThat(listener.events().get(1)).startsWith("lost ");
            assertThat(listener.events().get(2)).isEqualTo("elected 2");
        }
    }

    @Test
    void start_twice_throwsIllegalState() {
        try (LeaderContender contender =
                new LeaderContender(zooKeeper.newClient(), BASE, MASTER_1, new RecordingListener())) {
            contender.start();

            assertThatThrownBy(contender::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void close_beforeStartAndTwice_isHarmlessAndEndsWaits() throws Exception {
        LeaderContender contender =
                new LeaderContender(zooKeeper.newClient(), BASE, MASTER_1, new RecordingListener());

        contender.close();
        contender.close();

        assertThat(contender.awaitLeadership(WAIT)).isEmpty();
        assertThatThrownBy(contender::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void start_nonMemberChildrenBesideMembers_areIgnored() throws Exception {
        CuratorFramework client = zooKeeper.newClient();
        client.create().creatingParentsIfNeeded().forPath(BASE + "/agents/a1", new byte[0]);
        client.create().forPath(BASE + "/info_0000000000", new byte[0]);
        try (LeaderContender contender = new LeaderContender(client, BASE, MASTER_1, new RecordingListener())) {
            contender.start();

            assertThat(contender.awaitLeadership(WAIT)).isPresent();
        }
    }

    @Test
    void constructor_relativeBasePath_throwsIllegalArgument() {
        assertThatThrownBy(() -> new LeaderContender(zooKeeper.newClient(), "strata", MASTER_1,
                new RecordingListener())).isInstanceOf(IllegalArgumentException.class);
    }

    private static int memberCount(CuratorFramework client) throws Exception {
        return Member.ordered(client.getChildren().forPath(BASE)).size();
    }

    static byte[] json(String pid) {
        return ("{\"id\":\"" + pid + "\",\"pid\":\"" + pid + "\",\"hostname\":\"localhost\","
                + "\"address\":{\"hostname\":\"localhost\",\"ip\":\"127.0.0.1\",\"port\":5050}}").getBytes(UTF_8);
    }
}
