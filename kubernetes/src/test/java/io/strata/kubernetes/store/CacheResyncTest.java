package io.strata.kubernetes.store;

import static io.strata.kubernetes.store.StoreObjects.JSON;
import static io.strata.kubernetes.store.StoreObjects.key;
import static io.strata.kubernetes.store.StoreObjects.object;
import static io.strata.kubernetes.store.StoreObjects.rv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.store.Curators;
import io.strata.store.ZkAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes ZooKeeper committed but whose replies the store never saw (a lost connection or session during the
 * multi): simulated deterministically by a second client changing the znode behind the store's back, exactly as
 * the lost commit would have left it. The next write of the key fails, resyncs the cache, and its retry succeeds.
 */
class CacheResyncTest {

    private static final String PATH = "/k/objects/configmaps/default/";
    private TestingServer zkServer;
    private CuratorFramework zk;
    private CuratorFramework behindTheBack;
    private ZkObjectStore store;
    private final List<StoreEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        zkServer = new TestingServer(true);
        ZkAddress address = ZkAddress.parse(zkServer.getConnectString() + "/t");
        zk = Curators.connect(address, Curators.DEFAULT_SESSION_TIMEOUT);
        behindTheBack = Curators.connect(address, Curators.DEFAULT_SESSION_TIMEOUT);
        store = ZkObjectStore.open(zk, "/k", 100);
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        behindTheBack.close();
        zk.close();
        zkServer.close();
    }

    private static byte[] bytes(ObjectNode o) throws Exception {
        return JSON.writeValueAsBytes(o);
    }

    private static StoreFailure.Reason reason(Throwable e) {
        return ((StoreFailure) e).reason();
    }

    @Test
    void update_znodeUpdatedBehindCache_conflictThenCacheAndWatchersSeeZooKeeperAndRetrySucceeds() throws Exception {
        long created = rv(store.create(key("a"), object("a", "1")));
        store.create(key("other"), object("other", "x"));
        // a commit after the lost one: the store's revision is now above the lost write's zxid-derived revision
        behindTheBack.setData().forPath(PATH + "a", bytes(object("a", "lost-update")));
        store.update(key("other"), 0, object("other", "y"));
        long before = store.revision();
        store.watch("configmaps", null, before, events::add);

        assertThatThrownBy(() -> store.update(key("a"), created, object("a", "2")))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(StoreFailure.Reason.CONFLICT));

        ObjectNode resynced = store.get(key("a")).orElseThrow();
        assertThat(resynced.path("data").asText()).isEqualTo("lost-update");
        assertThat(rv(resynced)).isGreaterThan(before).isEqualTo(store.revision());
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(StoreEvent.Type.MODIFIED);
            assertThat(e.revision()).isEqualTo(rv(resynced));
            assertThat(e.object()).isEqualTo(resynced);
            assertThat(e.previous().path("data").asText()).isEqualTo("1");
        });
        ObjectNode updated = store.update(key("a"), rv(resynced), object("a", "2"));
        assertThat(rv(updated)).isGreaterThan(rv(resynced));
        assertThat(store.get(key("a")).orElseThrow().path("data").asText()).isEqualTo("2");
    }

    @Test
    void update_resynced_revisionKeptAcrossRestart() throws Exception {
        long created = rv(store.create(key("a"), object("a", "1")));
        behindTheBack.setData().forPath(PATH + "a", bytes(object("a", "lost-update")));
        assertThatThrownBy(() -> store.update(key("a"), created, object("a", "2"))).isInstanceOf(StoreFailure.class);
        ObjectNode resynced = store.get(key("a")).orElseThrow();

        ZkObjectStore reopened = ZkObjectStore.open(zk, "/k", 10);
        assertThat(reopened.get(key("a")).orElseThrow()).isEqualTo(resynced);
        assertThat(rv(reopened.update(key("a"), rv(resynced), object("a", "3")))).isGreaterThan(rv(resynced));
    }

    @Test
    void create_znodeCreatedBehindCache_alreadyExistsThenGetFindsItAndWatchersSeeAdded() throws Exception {
        store.create(key("other"), object("other", "x"));
        behindTheBack.create().forPath(PATH + "a", bytes(object("a", "lost-create")));
        long before = store.revision();
        store.watch("configmaps", null, before, events::add);

        assertThatThrownBy(() -> store.create(key("a"), object("a", "again")))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(StoreFailure.Reason.ALREADY_EXISTS));

        ObjectNode found = store.get(key("a")).orElseThrow();
        assertThat(found.path("data").asText()).isEqualTo("lost-create");
        assertThat(rv(found)).isGreaterThan(before);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(StoreEvent.Type.ADDED);
            assertThat(e.revision()).isEqualTo(rv(found));
        });
        assertThat(store.update(key("a"), rv(found), object("a", "2")).path("data").asText()).isEqualTo("2");
    }

    @Test
    void delete_znodeDeletedBehindCache_notFoundThenGetEmptyAndWatchersSeeDeleted() throws Exception {
        long created = rv(store.create(key("a"), object("a", "1")));
        behindTheBack.delete().forPath(PATH + "a");
        long before = store.revision();
        store.watch("configmaps", null, before, events::add);

        assertThatThrownBy(() -> store.delete(key("a"), created))
                .satisfies(e -> assertThat(reason(e)).isEqualTo(StoreFailure.Reason.NOT_FOUND));

        assertThat(store.get(key("a"))).isEmpty();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(StoreEvent.Type.DELETED);
            assertThat(e.revision()).isGreaterThan(before).isEqualTo(store.revision());
            assertThat(rv(e.object())).isEqualTo(e.revision());
            assertThat(e.object().path("data").asText()).isEqualTo("1");
        });
        // the name is free again
        assertThat(store.create(key("a"), object("a", "new")).path("data").asText()).isEqualTo("new");
    }

    @Test
    void update_zooKeeperDownDuringWrite_unavailableThenResyncedOnReconnection() throws Exception {
        ZkAddress address = ZkAddress.parse(zkServer.getConnectString() + "/t");
        try (CuratorFramework shortTimeouts = Curators.connect(address, Duration.ofSeconds(20), Duration.ofSeconds(1));
                ZkObjectStore flaky = ZkObjectStore.open(shortTimeouts, "/k", 100)) {
            long created = rv(flaky.create(key("a"), object("a", "1")));
            // the write committed, then the connection went before its reply arrived
            behindTheBack.setData().forPath(PATH + "a", bytes(object("a", "lost-update")));
            flaky.watch("configmaps", null, flaky.revision(), events::add);
            zkServer.stop();

            assertThatThrownBy(() -> flaky.update(key("a"), created, object("a", "2")))
                    .satisfies(e -> assertThat(reason(e)).isEqualTo(StoreFailure.Reason.UNAVAILABLE));
            assertThat(flaky.get(key("a")).orElseThrow().path("data").asText()).isEqualTo("1");

            zkServer.restart();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(events).singleElement()
                    .satisfies(e -> assertThat(e.type()).isEqualTo(StoreEvent.Type.MODIFIED)));
            ObjectNode resynced = flaky.get(key("a")).orElseThrow();
            assertThat(resynced.path("data").asText()).isEqualTo("lost-update");
            assertThat(rv(flaky.update(key("a"), rv(resynced), object("a", "2")))).isGreaterThan(rv(resynced));
        }
    }

    @Test
    void resync_cacheInLineWithZooKeeper_nothingPublished() throws Exception {
        store.create(key("a"), object("a", "1"));
        long before = store.revision();
        store.watch("configmaps", null, before, events::add);
        awaitResync(key("a"));
        awaitResync(key("never-created"));
        assertThat(events).isEmpty();
        assertThat(store.revision()).isEqualTo(before);
    }

    private void awaitResync(ObjectKey key) throws Exception {
        store.resync(key).get();
    }
}
