package io.strata.master.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.master.registry.TaskKey;
import io.strata.store.ZkStateStore;
import io.strata.store.leader.Epoch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task records of the master store against a real ZooKeeper, through a store fenced by a real epoch node. */
class ZkMasterStoreTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private TestingServer zk;
    private CuratorFramework curator;
    private ZkMasterStore store;
    private final AtomicReference<String> fenced = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
        curator = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
        curator.start();
        curator.create().creatingParentsIfNeeded().forPath("/strata/" + Epoch.ZNODE_NAME,
                "1".getBytes(StandardCharsets.UTF_8));
        store = new ZkMasterStore(new ZkStateStore(curator, "/strata").fencedBy(new Epoch(1, 0)), fenced::set,
                true);
    }

    private void saveInBatch(String... taskIdsAndRecords) {
        store.batched(() -> {
            for (int i = 0; i < taskIdsAndRecords.length; i += 2) {
                store.saveTask(new TaskKey("f1", taskIdsAndRecords[i]), bytes(taskIdsAndRecords[i + 1]));
            }
            return null;
        });
    }

    @Test
    void batched_newTasksOfAStoredFramework_allStored() {
        store.saveTask(new TaskKey("f1", "t0"), bytes("zero"));
        store.flush(WAIT);
        saveInBatch("t1", "one", "t2", "two", "t 3", "three");
        store.flush(WAIT);

        assertThat(texts(store.load().tasks())).containsExactly("one", "three", "two", "zero");
        assertThat(fenced.get()).isNull();
    }

    @Test
    void batched_firstTasksOfAFramework_parentCreatedAndAllStored() {
        saveInBatch("t1", "one", "t2", "two");
        store.flush(WAIT);

        assertThat(texts(store.load().tasks())).containsExactly("one", "two");
    }

    @Test
    void batched_oneTaskAlreadyStored_allStoredWithTheNewRecords() {
        store.saveTask(new TaskKey("f1", "t1"), bytes("old"));
        store.flush(WAIT);
        saveInBatch("t1", "new", "t2", "two");
        store.flush(WAIT);

        assertThat(texts(store.load().tasks())).containsExactly("new", "two");
    }

    @Test
    void batched_epochMoved_nothingStoredAndFencedReported() throws Exception {
        store.saveTask(new TaskKey("f1", "t0"), bytes("zero"));
        store.flush(WAIT);
        curator.setData().forPath("/strata/" + Epoch.ZNODE_NAME, "2".getBytes(StandardCharsets.UTF_8));
        saveInBatch("t1", "one", "t2", "two");
        store.flush(WAIT);

        assertThat(fenced.get()).contains("fenced");
        assertThat(texts(store.load().tasks())).containsExactly("zero");
    }

    @Test
    void batched_futures_completeOnceStoredOrFailWhenFenced() throws Exception {
        CompletableFuture<Void> stored = batchedSave("t1");
        assertThat(stored).succeedsWithin(WAIT);
        assertThat(texts(store.load().tasks())).containsExactly("other", "t1");

        curator.setData().forPath("/strata/" + Epoch.ZNODE_NAME, "2".getBytes(StandardCharsets.UTF_8));
        assertThat(batchedSave("t2")).failsWithin(WAIT);
        assertThat(store.saveTask(new TaskKey("f1", "t3"), bytes("t3"))).failsWithin(WAIT);
    }

    /** Two saves in one batch; returns the second's future after checking both agree. */
    private CompletableFuture<Void> batchedSave(String taskId) {
        return store.batched(() -> {
            CompletableFuture<Void> other = store.saveTask(new TaskKey("f1", taskId + "-other"), bytes("other"));
            CompletableFuture<Void> mine = store.saveTask(new TaskKey("f1", taskId), bytes(taskId));
            return CompletableFuture.allOf(other, mine).thenCompose(ok -> mine);
        });
    }

    @Test
    void batched_largerThanOneRequest_splitIntoSeveralMultisAndAllStored() {
        byte[] big = new byte[ZkMasterStore.MAX_BATCH_BYTES / 3];
        List<CompletableFuture<Void>> futures = store.batched(() -> java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> store.saveTask(new TaskKey("f1", "big" + i), big)).toList());

        assertThat(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))).succeedsWithin(WAIT);
        assertThat(store.load().tasks()).hasSize(7);
    }

    @Test
    void batched_removeRightAfter_leavesNoRecord() {
        store.saveTask(new TaskKey("f1", "t0"), bytes("zero"));
        store.flush(WAIT);
        saveInBatch("t1", "one", "t2", "two");
        store.removeTask(new TaskKey("f1", "t1"));
        store.flush(WAIT);

        assertThat(texts(store.load().tasks())).containsExactly("two", "zero");
    }

    @AfterEach
    void stop() throws Exception {
        curator.close();
        zk.close();
    }

    private static List<String> texts(List<byte[]> records) {
        return records.stream().map(r -> new String(r, StandardCharsets.UTF_8)).sorted().toList();
    }

    @Test
    void saveTask_newTasks_createdAndLoaded() {
        store.saveTask(new TaskKey("f1", "t1"), bytes("one"));
        store.saveTask(new TaskKey("f1", "t 2/x"), bytes("two"));
        store.flush(WAIT);

        assertThat(texts(store.load().tasks())).containsExactly("one", "two");
        assertThat(fenced.get()).isNull();
    }

    @Test
    void saveTask_existingTask_overwritesTheRecord() {
        store.saveTask(new TaskKey("f1", "t1"), bytes("first"));
        store.flush(WAIT);
        store.saveTask(new TaskKey("f1", "t1"), bytes("second"));
        store.flush(WAIT);

        assertThat(texts(store.load().tasks())).containsExactly("second");
    }

    @Test
    void removeTask_afterSaveWithoutWaiting_leavesNoRecord() {
        TaskKey key = new TaskKey("f1", "t1");
        store.saveTask(key, bytes("one"));
        store.removeTask(key);
        store.flush(WAIT);

        assertThat(store.load().tasks()).isEmpty();
    }

    @Test
    void saveTask_epochMoved_reportsFenced() throws Exception {
        curator.setData().forPath("/strata/" + Epoch.ZNODE_NAME, "2".getBytes(StandardCharsets.UTF_8));
        store.saveTask(new TaskKey("f1", "t1"), bytes("one"));
        store.flush(WAIT);

        assertThat(fenced.get()).contains("fenced");
        assertThat(store.load().tasks()).isEmpty();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
