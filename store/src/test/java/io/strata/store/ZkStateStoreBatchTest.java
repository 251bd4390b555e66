package io.strata.store;

import static io.strata.store.ZkStateStoreTest.assertCode;
import static io.strata.store.ZkStateStoreTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.store.StoreException.Code;
import io.strata.store.leader.Epoch;
import io.strata.store.leader.LeaderContender;
import io.strata.store.leader.LeadershipListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link StateStore#createAllAsync}: one multi, all or nothing, fenced like single writes. */
class ZkStateStoreBatchTest {
    private static final String BASE = "/strata";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final LeadershipListener IGNORE = new LeadershipListener() {
        @Override
        public void elected(Epoch epoch) {
        }

        @Override
        public void lost(String reason) {
        }
    };

    private TestZooKeeper zooKeeper;
    private CuratorFramework client;

    @BeforeEach
    void startServer() {
        zooKeeper = new TestZooKeeper();
        client = zooKeeper.newClient();
    }

    @AfterEach
    void stopServer() {
        zooKeeper.close();
    }

    @Test
    void createAllAsync_missingParents_createsThemAndEveryRecord() throws InterruptedException {
        try (LeaderContender contender = contender(client)) {
            StateStore store = new ZkStateStore(client, BASE).fencedBy(contender.awaitLeadership(WAIT).orElseThrow());

            ZkStateStore.await(store.createAllAsync(records("tasks/fw1/t1", "tasks/fw1/t2", "tasks/fw2/t1")));

            assertThat(store.children("tasks/fw1")).containsExactly("t1", "t2");
            assertThat(store.read("tasks/fw2/t1")).contains(new Versioned(bytes("tasks/fw2/t1"), 0));
        }
    }

    @Test
    void createAllAsync_oneRecordExists_failsConflictAndCreatesNone() throws InterruptedException {
        try (LeaderContender contender = contender(client)) {
            StateStore store = new ZkStateStore(client, BASE).fencedBy(contender.awaitLeadership(WAIT).orElseThrow());
            store.create("tasks/fw1/t2", bytes("first"));

            assertCode(() -> ZkStateStore.await(store.createAllAsync(records("tasks/fw1/t1", "tasks/fw1/t2",
                    "tasks/fw1/t3"))), Code.CONFLICT);

            assertThat(store.children("tasks/fw1")).containsExactly("t2");
            assertThat(store.read("tasks/fw1/t2")).contains(new Versioned(bytes("first"), 0));
        }
    }

    @Test
    void createAllAsync_afterNewerLeaderBumpedEpoch_failsFencedAndCreatesNone() throws InterruptedException {
        StateStore unfenced = new ZkStateStore(client, BASE);
        StateStore deposed;
        try (LeaderContender first = contender(client)) {
            deposed = unfenced.fencedBy(first.awaitLeadership(WAIT).orElseThrow());
            deposed.create("tasks/fw1/t0", bytes("by leader 1"));
        }
        try (LeaderContender second = contender(zooKeeper.newClient())) {
            second.awaitLeadership(WAIT).orElseThrow();

            assertCode(() -> ZkStateStore.await(deposed.createAllAsync(records("tasks/fw1/t1", "tasks/fw9/t1"))),
                    Code.FENCED);

            assertThat(unfenced.children("tasks/fw1")).containsExactly("t0");
            assertThat(unfenced.read("tasks/fw9/t1")).isEmpty();
        }
    }

    @Test
    void createAllAsync_unfencedStore_createsWithoutEpoch() {
        StateStore store = new ZkStateStore(client, BASE);

        ZkStateStore.await(store.createAllAsync(records("jobs/a", "jobs/b")));

        assertThat(store.children("jobs")).containsExactly("a", "b");
    }

    @Test
    void createAllAsync_batchOverOneRequest_isRefusedBeforeSending() {
        StateStore store = new ZkStateStore(client, BASE);
        Map<String, byte[]> big = new LinkedHashMap<>();
        big.put("big/a", new byte[600_000]);
        big.put("big/b", new byte[600_000]);

        assertThatThrownBy(() -> store.createAllAsync(big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1200000 bytes");
        assertThat(store.read("big/a")).isEmpty();
    }

    private static Map<String, byte[]> records(String... paths) {
        Map<String, byte[]> records = new LinkedHashMap<>();
        for (String path : paths) {
            records.put(path, bytes(path));
        }
        return records;
    }

    private LeaderContender contender(CuratorFramework owner) {
        LeaderContender contender = new LeaderContender(owner, BASE, bytes("{}"), IGNORE);
        contender.start();
        return contender;
    }
}
