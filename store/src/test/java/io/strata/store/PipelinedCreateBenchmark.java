package io.strata.store;

import io.strata.store.embedded.EmbeddedZooKeeper;
import io.strata.store.leader.Epoch;
import io.strata.store.leader.LeaderContender;
import io.strata.store.leader.LeadershipListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import org.apache.curator.framework.CuratorFramework;

/**
 * Measures store write throughput against {@link EmbeddedZooKeeper} on local disk: 10,000 creates of 1 KiB nodes,
 * one at a time, pipelined (all issued before waiting), with at most 1,000 in flight, and pipelined with epoch
 * fencing. Not a unit test; run its {@code main} with the test classpath. Prints the median of 5 rounds.
 */
public final class PipelinedCreateBenchmark {

    private static final int NODES = 10_000;
    private static final int SYNC_NODES = 2_000;
    private static final int ROUNDS = 5;
    private static final int WINDOW = 1_000;
    private static final byte[] DATA = new byte[1024];

    private PipelinedCreateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("strata-zk-bench");
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start(dataDir, "127.0.0.1", 0);
                CuratorFramework client = Curators.connect(ZkAddress.parse(server.connectString()),
                        Duration.ofSeconds(30))) {
            StateStore store = new ZkStateStore(client, "/bench");
            Epoch epoch = elect(client);
            StateStore fenced = store.fencedBy(epoch);
            pipelined(store, "warmup", NODES);
            report("raw Curator sync create (baseline)", SYNC_NODES, round -> rawSync(client, "/bench/raw" + round));
            report("sync create, one at a time", SYNC_NODES, round -> sync(store, "sync" + round, SYNC_NODES));
            report("raw Curator background create (baseline)", NODES,
                    round -> rawPipelined(client, "/bench/rawall" + round));
            report("pipelined create, all in flight", NODES, round -> pipelined(store, "all" + round, NODES));
            report("pipelined create, <= 1000 in flight", NODES, round -> windowed(store, "window" + round));
            report("fenced pipelined create, all in flight", NODES,
                    round -> pipelined(fenced, "fenced" + round, NODES));
        }
    }

    private static Epoch elect(CuratorFramework client) throws InterruptedException {
        LeaderContender contender = new LeaderContender(client, "/bench", new byte[0], new LeadershipListener() {
            @Override
            public void elected(Epoch epoch) {
            }

            @Override
            public void lost(String reason) {
            }
        });
        contender.start();
        return contender.awaitLeadership(Duration.ofSeconds(30)).orElseThrow();
    }

    private static void report(String name, int nodes, Round round) throws Exception {
        double[] rates = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            round.run(i);
            rates[i] = nodes / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf("%-42s median %,8.0f writes/s  (min %,.0f, max %,.0f; %,d x 1 KiB, %d rounds)%n",
                name, rates[ROUNDS / 2], rates[0], rates[ROUNDS - 1], nodes, ROUNDS);
    }

    private static void rawSync(CuratorFramework client, String parent) throws Exception {
        client.create().forPath(parent);
        for (int i = 0; i < SYNC_NODES; i++) {
            client.create().forPath(parent + "/n" + i, DATA);
        }
    }

    private static void rawPipelined(CuratorFramework client, String parent) throws Exception {
        client.create().forPath(parent);
        CountDownLatch done = new CountDownLatch(NODES);
        for (int i = 0; i < NODES; i++) {
            client.create().inBackground((c, event) -> done.countDown()).forPath(parent + "/n" + i, DATA);
        }
        done.await();
    }

    private static void sync(StateStore store, String prefix, int nodes) {
        for (int i = 0; i < nodes; i++) {
            store.create(prefix + "/n" + i, DATA);
        }
    }

    private static void pipelined(StateStore store, String prefix, int nodes) {
        store.create(prefix + "/n0", DATA); // the parent, so no request has to create it
        List<CompletableFuture<Integer>> writes = new ArrayList<>(nodes);
        for (int i = 1; i < nodes; i++) {
            writes.add(store.createAsync(prefix + "/n" + i, DATA));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }

    private static void windowed(StateStore store, String prefix) throws InterruptedException {
        store.create(prefix + "/n0", DATA);
        Semaphore inFlight = new Semaphore(WINDOW);
        List<CompletableFuture<Integer>> writes = new ArrayList<>(NODES);
        for (int i = 1; i < NODES; i++) {
            inFlight.acquire();
            writes.add(store.createAsync(prefix + "/n" + i, DATA).whenComplete((version, error) -> inFlight.release()));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }

    @FunctionalInterface
    private interface Round {
        void run(int round) throws Exception;
    }
}
