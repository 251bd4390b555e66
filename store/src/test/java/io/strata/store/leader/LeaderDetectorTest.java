package io.strata.store.leader;

import static io.strata.store.leader.LeaderContenderTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.store.TestZooKeeper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaderDetectorTest {

    private static final String BASE = "/strata";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final byte[] MASTER_1 = json("master@127.0.0.1:5050");
    private static final byte[] MASTER_2 = json("master@127.0.0.1:5051");

    private TestZooKeeper zooKeeper;
    private final List<String> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() {
        zooKeeper = new TestZooKeeper();
    }

    @AfterEach
    void stopServer() {
        zooKeeper.close();
    }

    @Test
    void awaitLeader_basePathCreatedLater_detectsFirstContender() throws Exception {
        try (LeaderDetector detector = new LeaderDetector(zooKeeper.newClient(), BASE, this::record)) {
            detector.start();
            assertThat(detector.awaitLeader(Duration.ofMillis(300))).isEmpty();

            try (LeaderContender contender = contender(MASTER_1)) {
                assertThat(contender.awaitLeadership(WAIT)).isPresent();
                assertThat(detector.awaitLeader(WAIT)).hasValueSatisfying(data -> assertThat(data).isEqualTo(MASTER_1));
            }
        }
    }

    @Test
    void leaderData_leaderClosed_followsSuccessorAndReportsEachChange() throws Exception {
        try (LeaderDetector detector = new LeaderDetector(zooKeeper.newClient(), BASE, this::record)) {
            detector.start();
            LeaderContender first = contender(MASTER_1);
            first.awaitLeadership(WAIT).orElseThrow();
            try (LeaderContender second = contender(MASTER_2)) {
                await().atMost(WAIT).until(() -> changes.equals(List.of(text(MASTER_1))));

                first.close();

                second.awaitLeadership(WAIT).orElseThrow();
                await().atMost(WAIT).until(() -> detector.leaderData().map(LeaderDetectorTest::text)
                        .equals(Optional.of(text(MASTER_2))));
                await().atMost(WAIT).until(() -> changes.equals(List.of(text(MASTER_1), text(MASTER_2))));
            } finally {
                first.close();
            }
            await().atMost(WAIT).until(() -> detector.leaderData().isEmpty());
            assertThat(changes).last().isEqualTo("none");
        }
    }

    @Test
    void leaderData_unparsableChildrenOnly_isEmpty() throws Exception {
        CuratorFramework client = zooKeeper.newClient();
        client.create().creatingParentsIfNeeded().forPath(BASE + "/info_0000000000", MASTER_2);
        client.create().forPath(BASE + "/json.info_garbage", MASTER_2);
        try (LeaderDetector detector = new LeaderDetector(client, BASE)) {
            detector.start();

            assertThat(detector.awaitLeader(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void close_twice_isHarmless() {
        LeaderDetector detector = new LeaderDetector(zooKeeper.newClient(), BASE);
        detector.start();

        detector.close();
        detector.close();

        assertThat(detector.leaderData()).isEmpty();
    }

    private LeaderContender contender(byte[] data) {
        LeaderContender contender = new LeaderContender(zooKeeper.newClient(), BASE, data, new RecordingListener());
        contender.start();
        return contender;
    }

    private void record(Optional<byte[]> leaderData) {
        changes.add(leaderData.map(LeaderDetectorTest::text).orElse("none"));
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
