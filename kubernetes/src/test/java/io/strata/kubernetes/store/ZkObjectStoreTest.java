package io.strata.kubernetes.store;

import static io.strata.kubernetes.store.StoreObjects.key;
import static io.strata.kubernetes.store.StoreObjects.object;
import static io.strata.kubernetes.store.StoreObjects.rv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.store.Curators;
import io.strata.store.ZkAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZkObjectStoreTest {

    private TestingServer zkServer;
    private CuratorFramework zk;
    private ZkObjectStore store;

    @BeforeEach
    void start() throws Exception {
        zkServer = new TestingServer(true);
        zk = Curators.connect(ZkAddress.parse(zkServer.getConnectString() + "/t"), Curators.DEFAULT_SESSION_TIMEOUT);
        store = ZkObjectStore.open(zk, "/k", 3);
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        zk.close();
        zkServer.close();
    }

    @Test
    void create_twice_alreadyExists() {
        ObjectKey key = new ObjectKey("configmaps", "default", "a");
        ObjectNode created = store.create(key, object("a", "1"));
        assertThat(rv(created)).isPositive();
        assertThatThrownBy(() -> store.create(key, object("a", "2")))
                .isInstanceOfSatisfying(StoreFailure.class, e -> assertThat(e.reason())
                        .isEqualTo(StoreFailure.Reason.ALREADY_EXISTS));
        assertThat(store.get(key).orElseThrow().path("data").asText()).isEqualTo("1");
    }

    @Test
    void readAndListShared_noCopy_sameContentAsCopies() {
        ObjectKey key = new ObjectKey("configmaps", "default", "a");
        store.create(key, object("a", "1"));
        store.create(new ObjectKey("configmaps", "default", "b"), object("b", "2"));
        ObjectNode shared = store.read(key).orElseThrow();
        assertThat(store.read(key).orElseThrow()).isSameAs(shared);
        assertThat(shared).isEqualTo(store.get(key).orElseThrow()).isNotSameAs(store.get(key).orElseThrow());
        ListPage copies = store.list("configmaps", "default", o -> true, 1, "");
        ListPage page = store.listShared("configmaps", "default", o -> true, 1, "");
        assertThat(page.items()).containsExactlyElementsOf(copies.items());
        assertThat(page.items().get(0)).isSameAs(shared);
        assertThat(store.listShared("configmaps", "default", o -> true, 1, page.continueToken()).items())
                .extracting(o -> o.path("metadata").path("name").asText()).containsExactly("b");
        assertThat(store.read(new ObjectKey("configmaps", "default", "missing"))).isEmpty();
    }

    @Test
    void update_staleRevision_conflictAndNoChange() {
        ObjectKey key = new ObjectKey("configmaps", "default", "a");
        long first = rv(store.create(key, object("a", "1")));
        long second = rv(store.update(key, first, object("a", "2")));
        assertThat(second).isGreaterThan(first);
        assertThatThrownBy(() -> store.update(key, first, object("a", "3")))
                .isInstanceOfSatisfying(StoreFailure.class, e -> assertThat(e.reason())
                        .isEqualTo(StoreFailure.Reason.CONFLICT));
        assertThat(store.get(key).orElseThrow().path("data").asText()).isEqualTo("2");
        assertThat(store.revision()).isEqualTo(second);
    }

    @Test
    void watch_fromRevision_replaysLaterEventsInOrder() {
        ObjectKey a = new ObjectKey("configmaps", "default", "a");
        long start = rv(store.create(a, object("a", "1")));
        store.update(a, 0, object("a", "2"));
        store.create(new ObjectKey("secrets", "default", "s"), object("s", "x"));
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch w = store.watch("configmaps", null, start, e -> seen.add(e.type() + " " + e.object().path("data").asText()))) {
            store.delete(a, 0);
            assertThat(seen).containsExactly("MODIFIED 2", "DELETED 2");
        }
    }

    @Test
    void watch_revisionZero_sendsCurrentObjectsAsAdded() {
        store.create(new ObjectKey("configmaps", "ns1", "a"), object("a", "1"));
        store.create(new ObjectKey("configmaps", "ns2", "b"), object("b", "1"));
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch w = store.watch("configmaps", "ns1", 0, e -> seen.add(e.type() + " " + e.key().name()))) {
            assertThat(seen).containsExactly("ADDED a");
        }
    }

    @Test
    void watch_revisionOlderThanWindow_expired() {
        ObjectKey a = new ObjectKey("configmaps", "default", "a");
        long first = rv(store.create(a, object("a", "1")));
        for (int i = 0; i < 5; i++) {
            store.update(a, 0, object("a", "v" + i));
        }
        assertThatThrownBy(() -> store.watch("configmaps", null, first, e -> { }))
                .isInstanceOfSatisfying(StoreFailure.class, e -> assertThat(e.reason())
                        .isEqualTo(StoreFailure.Reason.EXPIRED));
    }

    @Test
    void open_again_loadsObjectsWithSameRevisions() {
        ObjectKey a = new ObjectKey("apps/deployments", "default", "a");
        ObjectNode created = store.create(a, object("a", "1"));
        ZkObjectStore reopened = ZkObjectStore.open(zk, "/k", 3);
        assertThat(reopened.get(a).orElseThrow()).isEqualTo(created);
        assertThat(reopened.revision()).isGreaterThanOrEqualTo(rv(created));
    }

    @Test
    void list_limit_continuesAfterLastKey() {
        for (String n : List.of("c", "a", "b")) {
            store.create(new ObjectKey("configmaps", "default", n), object(n, n));
        }
        ListPage first = store.list("configmaps", "default", o -> true, 2, "");
        assertThat(first.items()).extracting(o -> o.path("metadata").path("name").asText()).containsExactly("a", "b");
        ListPage rest = store.list("configmaps", "default", o -> true, 2, first.continueToken());
        assertThat(rest.items()).extracting(o -> o.path("metadata").path("name").asText()).containsExactly("c");
        assertThat(rest.continueToken()).isEmpty();
    }
}
