package io.strata.store;

import static io.strata.store.ZkStateStoreTest.assertCode;
import static io.strata.store.ZkStateStoreTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.store.StoreException.Code;
import io.strata.store.leader.Epoch;
import io.strata.store.leader.LeaderContender;
import io.strata.store.leader.LeadershipListener;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZkStateStoreFencingTest {

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
    void fencedInlineBy_asyncWrites_completeOnTheEventThreadAndAreFenced() throws Exception {
        try (LeaderContender contender = contender(client)) {
            Epoch epoch = contender.awaitLeadership(WAIT).orElseThrow();
            StateStore store = new ZkStateStore(client, BASE).fencedInlineBy(epoch);

            String thread = store.createAsync("tasks/fw1/t1", bytes("a"))
                    .thenApply(version -> Thread.currentThread().getName()).get(20, java.util.concurrent.TimeUnit.SECONDS);

            // the event thread (or this one, had the write completed before thenApply was attached), never a
            // completion thread of its own
            assertThat(thread).doesNotStartWith("strata-store-completion-");
            assertThat(store.read("tasks/fw1/t1")).contains(new Versioned(bytes("a"), 0));
            assertThat(store.epoch()).contains(epoch);
        }
    }

    @Test
    void fencedWrites_currentEpoch_succeedAndCreateParents() throws InterruptedException {
        try (LeaderContender contender = contender(client)) {
            Epoch epoch = contender.awaitLeadership(WAIT).orElseThrow();
            StateStore store = new ZkStateStore(client, BASE).fencedBy(epoch);

            assertThat(store.create("tasks/fw1/t1", bytes("a"))).isZero();
            assertThat(store.update("tasks/fw1/t1", bytes("b"), 0)).isEqualTo(1);
            assertThat(store.put("agents/a1", bytes("c"))).isZero();
            assertThat(store.put("agents/a1", bytes("d"))).isEqualTo(1);
            store.delete("tasks/fw1/t1", 1);

            assertThat(store.read("tasks/fw1/t1")).isEmpty();
            assertThat(store.read("agents/a1")).contains(new Versioned(bytes("d"), 1));
            assertThat(store.epoch()).contains(epoch);
        }
    }

    @Test
    void fencedWrites_afterNewerLeaderBumpedEpoch_failFencedAndChangeNothing() throws InterruptedException {
        StateStore unfenced = new ZkStateStore(client, BASE);
        StateStore deposed;
        try (LeaderContender first = contender(client)) {
            Epoch firstEpoch = first.awaitLeadership(WAIT).orElseThrow();
            deposed = unfenced.fencedBy(firstEpoch);
            deposed.create("agents/a1", bytes("written by leader 1"));
            deposed.create("agents/a2", bytes("written by leader 1"));
        }
        // the deposed leader does not learn of its successor before writing; only fencing protects the state
        try (LeaderContender second = contender(zooKeeper.newClient())) {
            Epoch secondEpoch = second.awaitLeadership(WAIT).orElseThrow();
            assertThat(secondEpoch.value()).isEqualTo(2);

            assertCode(() -> deposed.create("agents/a3", bytes("stale")), Code.FENCED);
            assertCode(() -> deposed.update("agents/a1", bytes("stale"), 0), Code.FENCED);
            assertCode(() -> deposed.put("agents/a1", bytes("stale")), Code.FENCED);
            assertCode(() -> deposed.delete("agents/a2", StateStore.ANY_VERSION), Code.FENCED);
            assertCode(() -> deposed.create("tasks/fw9/t1", bytes("stale")), Code.FENCED);

            assertThat(unfenced.read("agents/a1")).contains(new Versioned(bytes("written by leader 1"), 0));
            assertThat(unfenced.read("agents/a2")).isPresent();
            assertThat(unfenced.read("agents/a3")).isEmpty();
            assertThat(unfenced.read("tasks/fw9/t1")).isEmpty();
            StateStore current = unfenced.fencedBy(secondEpoch);
            assertThat(current.update("agents/a1", bytes("written by leader 2"), 0)).isEqualTo(1);
        }
    }

    @Test
    void fencedWrite_failureOfTheWriteItself_reportsItsOwnCode() throws InterruptedException {
        try (LeaderContender contender = contender(client)) {
            StateStore store = new ZkStateStore(client, BASE).fencedBy(contender.awaitLeadership(WAIT).orElseThrow());
            store.create("agents/a1", bytes("x"));

            assertCode(() -> store.create("agents/a1", bytes("y")), Code.CONFLICT);
            assertCode(() -> store.update("agents/a1", bytes("y"), 5), Code.CONFLICT);
            assertCode(() -> store.update("agents/none", bytes("y"), 0), Code.NOT_FOUND);
            assertCode(() -> store.delete("agents/none", StateStore.ANY_VERSION), Code.NOT_FOUND);
        }
    }

    @Test
    void fencedWrite_epochZnodeMissing_failsFenced() {
        StateStore store = new ZkStateStore(client, BASE).fencedBy(new Epoch(1, 0));

        assertCode(() -> store.put("agents/a1", bytes("x")), Code.FENCED);
    }

    private LeaderContender contender(CuratorFramework owner) {
        LeaderContender contender = new LeaderContender(owner, BASE, bytes("{}"), IGNORE);
        contender.start();
        return contender;
    }
}
