package io.strata.bench.launch;

import io.strata.store.StateStore;
import io.strata.store.ZkStateStore;
import io.strata.store.embedded.EmbeddedZooKeeper;
import io.strata.store.leader.Epoch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.retry.RetryOneTime;

/**
 * How fast the master can store launched tasks: N new task records written through a fenced store on an
 * embedded ZooKeeper (fsync on), all in flight at once, as the master pipelines them. Compares a put (update
 * first, which fails on the new node, then create: the master's write before 2026-11-29) with a create (the
 * master's write since) and with a batch (one ZooKeeper multi of check(epoch) + 20 creates, what one ACCEPT of
 * 20 tasks could write if the store offered batched creates), alternating rounds so that machine load hits all
 * alike. Args: tasks per round (default 5000), rounds (default 6), record size in bytes (default 600).
 */
public final class TaskStoreBench {
    private static final int BATCH = 20;

    private TaskStoreBench() {
    }

    /** Runs the comparison and prints tasks/s per method. */
    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        byte[] record = "x".repeat(args.length > 2 ? Integer.parseInt(args[2]) : 600).getBytes(StandardCharsets.UTF_8);
        Path dir = Files.createTempDirectory("task-store-bench");
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", 0);
             CuratorFramework curator = CuratorFrameworkFactory.newClient(zk.connectString(), new RetryOneTime(100))) {
            curator.start();
            curator.create().creatingParentsIfNeeded().forPath("/bench/" + Epoch.ZNODE_NAME,
                    "1".getBytes(StandardCharsets.UTF_8));
            StateStore store = new ZkStateStore(curator, "/bench").fencedBy(new Epoch(1, 0));
            List<Double> put = new ArrayList<>();
            List<Double> create = new ArrayList<>();
            List<Double> batch = new ArrayList<>();
            for (int r = 0; r < rounds + 1; r++) { // round 0 warms up both
                double p = round(store, "put" + r, tasks, record, true);
                double c = round(store, "create" + r, tasks, record, false);
                double b = batched(curator, "/bench", "batch" + r, tasks, record, BATCH);
                if (r > 0) {
                    put.add(p);
                    create.add(c);
                    batch.add(b);
                }
            }
            System.out.printf("TaskStoreBench: %d new task records per round, %d rounds, %d-byte records%n",
                    tasks, rounds, record.length);
            System.out.printf("put (update, then create)   median %.0f tasks/s  %s%n", median(put), rounded(put));
            System.out.printf("create (one transaction)    median %.0f tasks/s  %s%n", median(create), rounded(create));
            System.out.printf("batch (multi of %d creates)  median %.0f tasks/s  %s%n", BATCH, median(batch),
                    rounded(batch));
        }
    }

    /** Batched creates straight through Curator: the shape a batched store write would have. */
    private static double batched(CuratorFramework curator, String base, String framework, int tasks, byte[] record,
                                  int size) throws Exception {
        curator.create().creatingParentsIfNeeded().forPath(base + "/tasks/" + framework);
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int from = 0; from < tasks; from += size) {
            List<CuratorOp> ops = new ArrayList<>();
            ops.add(curator.transactionOp().check().withVersion(0).forPath(base + "/" + Epoch.ZNODE_NAME));
            for (int i = from; i < Math.min(tasks, from + size); i++) {
                ops.add(curator.transactionOp().create().forPath(base + "/tasks/" + framework + "/task-" + i, record));
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            curator.transaction().inBackground((client, event) -> {
                if (event.getResultCode() == 0) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(new IllegalStateException("multi failed: " + event.getResultCode()));
                }
            }).forOperations(ops);
            writes.add(done);
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        return tasks / ((System.nanoTime() - t0) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }

    private static double round(StateStore store, String framework, int tasks, byte[] record, boolean put) {
        long t0 = System.nanoTime();
        List<CompletableFuture<Integer>> writes = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            String path = "tasks/" + framework + "/task-" + i;
            writes.add(put ? store.putAsync(path, record) : store.createAsync(path, record));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        return tasks / ((System.nanoTime() - t0) / 1e9);
    }
}
