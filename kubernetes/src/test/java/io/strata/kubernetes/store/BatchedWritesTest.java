package io.strata.kubernetes.store;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes grouped into ZooKeeper multis: the event thread is held so that writes pile up behind the transactions in
 * flight and go out together, deterministically.
 */
class BatchedWritesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private TestingServer zkServer;
    private CuratorFramework zk;
    private ZkObjectStore store;
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void start() throws Exception {
        zkServer = new TestingServer(true);
        zk = Curators.connect(ZkAddress.parse(zkServer.getConnectString() + "/t"), Curators.DEFAULT_SESSION_TIMEOUT);
        store = ZkObjectStore.open(zk, "/k", 10_000);
    }

    @AfterEach
    void stop() throws Exception {
        writers.shutdownNow();
        store.close();
        zk.close();
        zkServer.close();
    }

    /** Holds the ZooKeeper event thread (where completions run) until the returned latch is released. */
    private CountDownLatch holdEventThread() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        zk.checkExists().inBackground((client, event) -> {
            entered.countDown();
            release.await();
        }).forPath("/");
        entered.await();
        return release;
    }

    /** Runs {@code count} writes at once while the event thread is held; returns their outcomes in order. */
    private List<Future<ObjectNode>> pileUp(int count, java.util.function.IntFunction<ObjectNode> write)
            throws Exception {
        CountDownLatch release = holdEventThread();
        long before = store.transactionCounts()[0];
        List<Future<ObjectNode>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            results.add(writers.submit(() -> write.apply(n)));
        }
        // the first writes fill the transactions in flight, the rest wait for a slot
        await().atMost(WAIT).until(() -> store.transactionCounts()[0] - before == TransactionBatcher.MAX_IN_FLIGHT
                && store.queuedWrites() == count - TransactionBatcher.MAX_IN_FLIGHT);
        release.countDown();
        return results;
    }

    @Test
    void create_concurrentWhileInFlight_oneMultiWithDistinctIncreasingRevisions() throws Exception {
        store.create(key("first"), object("first", "0"));
        long[] before = store.transactionCounts();
        List<Future<ObjectNode>> results = pileUp(100, i -> store.create(key("cm-" + i), object("cm-" + i, "" + i)));
        List<Long> revisions = new ArrayList<>();
        for (Future<ObjectNode> f : results) {
            revisions.add(rv(f.get()));
        }
        long[] after = store.transactionCounts();
        // 4 single writes in flight, then the 96 that waited in one multi
        assertThat(after[0] - before[0]).isEqualTo(TransactionBatcher.MAX_IN_FLIGHT + 1);
        assertThat(after[1] - before[1]).isEqualTo(100);
        assertThat(revisions).doesNotHaveDuplicates();
        assertThat(store.revision()).isEqualTo(revisions.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    @Test
    void watch_fromEveryRevisionOfABatch_exactlyTheLaterEvents() throws Exception {
        List<StoreEvent> all = new CopyOnWriteArrayList<>();
        long start = rv(store.create(key("first"), object("first", "0")));
        try (Watch w = store.watch("configmaps", null, start, all::add)) {
            for (Future<ObjectNode> f : pileUp(60, i -> store.create(key("cm-" + i), object("cm-" + i, "a")))) {
                f.get();
            }
            for (Future<ObjectNode> f : pileUp(60, i -> store.update(key("cm-" + i), 0, object("cm-" + i, "b")))) {
                f.get();
            }
        }
        assertThat(all).hasSize(120);
        List<Long> order = all.stream().map(StoreEvent::revision).toList();
        assertThat(order).isSorted().doesNotHaveDuplicates();
        for (int i = 0; i < all.size(); i++) {
            List<Long> resumed = new ArrayList<>();
            try (Watch w = store.watch("configmaps", null, order.get(i), e -> resumed.add(e.revision()))) {
                assertThat(resumed).as("resumed after %d", order.get(i)).isEqualTo(order.subList(i + 1, order.size()));
            }
        }
        // each event carries its object's resourceVersion
        assertThat(all).allMatch(e -> rv(e.object()) == e.revision());
    }

    @Test
    void list_afterBatch_revisionIsNewestAndWatchFromItSeesOnlyLaterWrites() throws Exception {
        long newest = 0;
        for (Future<ObjectNode> f : pileUp(50, i -> store.create(key("cm-" + i), object("cm-" + i, "x")))) {
            newest = Math.max(newest, rv(f.get()));
        }
        ListPage page = store.list("configmaps", "default", o -> true, 0, "");
        assertThat(page.items()).hasSize(50);
        assertThat(page.revision()).isEqualTo(newest);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch w = store.watch("configmaps", null, page.revision(), e -> seen.add(e.type() + " " + e.key().name()))) {
            store.update(key("cm-3"), 0, object("cm-3", "y"));
            assertThat(seen).containsExactly("MODIFIED cm-3");
        }
    }

    @Test
    void open_again_revisionsOfBatchedWritesKept() throws Exception {
        Map<String, Long> written = new ConcurrentHashMap<>();
        for (Future<ObjectNode> f : pileUp(30, i -> store.create(key("cm-" + i), object("cm-" + i, "x")))) {
            ObjectNode o = f.get();
            written.put(o.path("metadata").path("name").asText(), rv(o));
        }
        ZkObjectStore reopened = ZkObjectStore.open(zk, "/k", 10);
        Map<String, Long> loaded = new TreeMap<>();
        reopened.scan("configmaps", "default", o -> loaded.put(o.path("metadata").path("name").asText(), rv(o)));
        assertThat(loaded).isEqualTo(new TreeMap<>(written));
        assertThat(reopened.revision()).isGreaterThanOrEqualTo(store.revision());
        // a stale revision still conflicts after the restart; the current one is accepted
        long current = written.get("cm-7");
        assertThat(rv(reopened.update(key("cm-7"), current, object("cm-7", "y")))).isGreaterThan(reopened.revision() - 1);
        assertThatThrownBy(() -> reopened.update(key("cm-7"), current, object("cm-7", "z")))
                .isInstanceOfSatisfying(StoreFailure.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreFailure.Reason.CONFLICT));
    }

    @Test
    void create_existingName_failsBeforeBatchingOthersCommit() throws Exception {
        store.create(key("taken"), object("taken", "original"));
        assertThatThrownBy(() -> store.create(key("taken"), object("taken", "again")))
                .isInstanceOfSatisfying(StoreFailure.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreFailure.Reason.ALREADY_EXISTS));
        assertThat(store.get(key("taken")).orElseThrow().path("data").asText()).isEqualTo("original");
    }

    @Test
    void create_sameNameTwiceInBatch_oneFailsOthersCommit() throws Exception {
        // writes 20 and 21 create the same new name: the second in the multi fails it, the others are sent again
        List<Future<ObjectNode>> results = pileUp(40,
                i -> store.create(key(i == 21 ? "cm-20" : "cm-" + i), object("x", "new-" + i)));
        int failures = 0;
        for (int i = 0; i < results.size(); i++) {
            try {
                assertThat(results.get(i).get().path("data").asText()).isEqualTo("new-" + i);
            } catch (ExecutionException e) {
                assertThat(i).isIn(20, 21);
                assertThat(e.getCause()).isInstanceOfSatisfying(StoreFailure.class,
                        s -> assertThat(s.reason()).isEqualTo(StoreFailure.Reason.ALREADY_EXISTS));
                failures++;
            }
        }
        assertThat(failures).isEqualTo(1);
        assertThat(store.get(key("cm-20")).orElseThrow().path("data").asText()).isIn("new-20", "new-21");
    }

    @Test
    void create_manyFailingInOneBatch_allAnsweredOncePerWrite() throws Exception {
        // 50 names created twice each: 50 writes fail, each with its own answer and without waiting for a timeout
        List<Future<ObjectNode>> results = pileUp(100,
                i -> store.create(key("cm-" + (i / 2)), object("cm-" + (i / 2), "" + i)));
        int failures = 0;
        for (Future<ObjectNode> f : results) {
            try {
                f.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOfSatisfying(StoreFailure.class,
                        s -> assertThat(s.reason()).isEqualTo(StoreFailure.Reason.ALREADY_EXISTS));
                failures++;
            }
        }
        assertThat(failures).isEqualTo(50);
        List<String> names = new ArrayList<>();
        store.scan("configmaps", "default", o -> names.add(o.path("metadata").path("name").asText()));
        assertThat(names).hasSize(50).doesNotHaveDuplicates();
    }

    @Test
    void update_sameObjectTwiceInBatch_oneConflicts() throws Exception {
        store.create(key("a"), object("a", "0"));
        for (int i = 0; i < 10; i++) {
            store.create(key("cm-" + i), object("cm-" + i, "0"));
        }
        // writes 8 and 9 update the same object from the same version: the second in the multi conflicts
        List<Future<ObjectNode>> results = pileUp(10,
                i -> store.update(key(i >= 8 ? "a" : "cm-" + i), 0, object("x", "v" + i)));
        int conflicts = 0;
        for (Future<ObjectNode> f : results) {
            try {
                f.get();
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOfSatisfying(StoreFailure.class,
                        s -> assertThat(s.reason()).isEqualTo(StoreFailure.Reason.CONFLICT));
                conflicts++;
            }
        }
        assertThat(conflicts).isEqualTo(1);
        assertThat(store.get(key("a")).orElseThrow().path("data").asText()).isIn("v8", "v9");
    }
}
