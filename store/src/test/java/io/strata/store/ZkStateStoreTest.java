package io.strata.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.store.StoreException.Code;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZkStateStoreTest {

    private static final AtomicInteger BASES = new AtomicInteger();
    private static TestZooKeeper zooKeeper;
    private static CuratorFramework client;

    private StateStore store;
    private String basePath;

    @BeforeAll
    static void startServer() {
        zooKeeper = new TestZooKeeper();
        client = zooKeeper.newClient();
    }

    @AfterAll
    static void stopServer() {
        zooKeeper.close();
    }

    @BeforeEach
    void newBasePath() {
        basePath = "/store-test-" + BASES.incrementAndGet();
        store = new ZkStateStore(client, basePath);
    }

    @Test
    void read_missingNode_isEmpty() {
        assertThat(store.read("agents/a1")).isEmpty();
    }

    @Test
    void create_newNode_isReadableAtVersionZeroAsItsOwnZnode() throws Exception {
        int version = store.create("tasks/fw1/t1", bytes("task one"));

        assertThat(version).isZero();
        assertThat(store.read("tasks/fw1/t1")).contains(new Versioned(bytes("task one"), 0));
        // one znode per object, right below the base path: no shared blob
        assertThat(client.getData().forPath(basePath + "/tasks/fw1/t1")).isEqualTo(bytes("task one"));
    }

    @Test
    void create_existingNode_failsWithConflict() {
        store.create("agents/a1", bytes("x"));

        assertCode(() -> store.create("agents/a1", bytes("y")), Code.CONFLICT);
        assertThat(store.read("agents/a1").orElseThrow().data()).isEqualTo(bytes("x"));
    }

    @Test
    void update_matchingVersion_incrementsVersion() {
        store.create("agents/a1", bytes("v0"));

        assertThat(store.update("agents/a1", bytes("v1"), 0)).isEqualTo(1);
        assertThat(store.update("agents/a1", bytes("v2"), 1)).isEqualTo(2);
        assertThat(store.read("agents/a1")).contains(new Versioned(bytes("v2"), 2));
    }

    @Test
    void update_staleVersion_failsWithConflictAndKeepsData() {
        store.create("agents/a1", bytes("v0"));
        store.update("agents/a1", bytes("v1"), 0);

        assertCode(() -> store.update("agents/a1", bytes("stale"), 0), Code.CONFLICT);
        assertThat(store.read("agents/a1")).contains(new Versioned(bytes("v1"), 1));
    }

    @Test
    void update_missingNode_failsWithNotFound() {
        assertCode(() -> store.update("agents/none", bytes("x"), 0), Code.NOT_FOUND);
    }

    @Test
    void delete_matchingOrAnyVersion_removesNode() {
        store.create("agents/a1", bytes("x"));
        store.create("agents/a2", bytes("x"));

        store.delete("agents/a1", 0);
        store.delete("agents/a2", StateStore.ANY_VERSION);

        assertThat(store.read("agents/a1")).isEmpty();
        assertThat(store.read("agents/a2")).isEmpty();
    }

    @Test
    void delete_staleVersionMissingNodeOrChildren_failsWithCode() {
        store.create("agents/a1", bytes("x"));
        store.create("tasks/fw1/t1", bytes("x"));

        assertCode(() -> store.delete("agents/a1", 3), Code.CONFLICT);
        assertCode(() -> store.delete("agents/none", StateStore.ANY_VERSION), Code.NOT_FOUND);
        assertCode(() -> store.delete("tasks/fw1", StateStore.ANY_VERSION), Code.CONFLICT);
    }

    @Test
    void children_listsNamesSorted_andEmptyForMissingNode() {
        store.create("frameworks/b", bytes(""));
        store.create("frameworks/c", bytes(""));
        store.create("frameworks/a", bytes(""));

        assertThat(store.children("frameworks")).containsExactly("a", "b", "c");
        assertThat(store.children("agents")).isEmpty();
    }

    @Test
    void put_createsThenOverwritesWhateverVersion() {
        assertThat(store.put("frameworks/f1", bytes("one"))).isZero();
        assertThat(store.put("frameworks/f1", bytes("two"))).isEqualTo(1);

        assertThat(store.read("frameworks/f1")).contains(new Versioned(bytes("two"), 1));
    }

    @Test
    void createAsync_pipelinedWrites_allLand() {
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            writes.add(store.createAsync("tasks/fw1/t" + i, bytes("task " + i)));
        }

        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        assertThat(store.children("tasks/fw1")).hasSize(500);
        assertThat(store.read("tasks/fw1/t499").orElseThrow().data()).isEqualTo(bytes("task 499"));
    }

    @Test
    void readAsync_dependentStage_mayCallStoreSynchronously() {
        store.create("agents/a1", bytes("agents/a2"));
        store.create("agents/a2", bytes("found"));

        // completions run off ZooKeeper's event thread, so this nested blocking call cannot deadlock
        byte[] data = store.readAsync("agents/a1")
                .thenApply(first -> store.read(new String(first.orElseThrow().data(), UTF_8)).orElseThrow().data())
                .join();

        assertThat(data).isEqualTo(bytes("found"));
    }

    @Test
    void read_onZooKeeperEventThread_throwsIllegalStateInsteadOfHanging() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        // a background callback without an executor runs on ZooKeeper's event thread
        client.checkExists().inBackground((unused, event) -> {
            try {
                store.read("agents/a1");
                outcome.complete(null);
            } catch (RuntimeException e) {
                outcome.complete(e);
            }
        }).forPath("/");

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("event thread");
    }

    @Test
    void updateAsync_missingNode_completesExceptionallyWithStoreException() {
        CompletableFuture<Integer> update = store.updateAsync("agents/none", bytes("x"), 0);

        assertThat(update).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(StoreException.class);
        assertThat(ZkStateStore.cause(update.handle((v, e) -> e).join()).code()).isEqualTo(Code.NOT_FOUND);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "/agents/a1", "agents/a1/", "agents//a1", "agents/../x", "epoch", "epoch/x",
            "json.info_0000000001", "agents/\u0001"})
    void anyOperation_malformedOrReservedPath_throwsIllegalArgument(String path) {
        assertThatThrownBy(() -> store.read(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("store path '" + path + "' ");
        assertThatThrownBy(() -> store.putAsync(path, bytes("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void create_oversizedData_throwsIllegalArgument() {
        byte[] tooBig = new byte[StateStore.MAX_DATA_BYTES + 1];

        assertThatThrownBy(() -> store.create("agents/a1", tooBig))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void create_callerMutatesArrayAfterwards_storedDataUnchanged() {
        byte[] data = bytes("original");
        CompletableFuture<Integer> create = store.createAsync("agents/a1", data);
        data[0] = 'X';

        create.join();
        assertThat(store.read("agents/a1").orElseThrow().data()).isEqualTo(bytes("original"));
    }

    @Test
    void read_unreachableServer_failsWithUnavailable() {
        TestZooKeeper other = new TestZooKeeper();
        try (CuratorFramework shortLived = Curators.connect(ZkAddress.parse(other.connectString()),
                Duration.ofMillis(500), Duration.ofSeconds(5))) {
            StateStore doomed = new ZkStateStore(shortLived, "/doomed");
            other.close();

            assertCode(() -> doomed.read("agents/a1"), Code.UNAVAILABLE);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static void assertCode(ThrowingCallable call, Code code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }
}
