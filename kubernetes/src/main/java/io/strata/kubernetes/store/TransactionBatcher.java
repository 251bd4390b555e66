package io.strata.kubernetes.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Group commit: writes submitted while earlier transactions are in flight are sent together as one ZooKeeper multi,
 * so N concurrent writers cost about N / batch transactions (one proposal, one log append, one callback) instead of
 * N. Nothing waits for a batch to fill: a write is sent at once when fewer than {@value #MAX_IN_FLIGHT} multis are in
 * flight, so a lone write costs one round trip as before, and batches grow only under load.
 *
 * <p>Each multi ends with a setData of the revision znode, whose Stat gives the transaction's zxid (creates and
 * deletes in a multi report none); write {@code i} of the multi gets revision {@link Revisions#of}(zxid, i) and is
 * stored with its index. A multi is atomic: when one write fails (a stale znode version, an existing name), ZooKeeper
 * applies none of them, so the failing write is failed with its own reason and the others are sent again at the
 * head of the queue. Multis are submitted under this object's lock, hence in queue order, and ZooKeeper commits one
 * session's requests in the order sent, so transactions (and the callbacks that apply them) follow queue order.
 *
 * <p>Thread-safe; completions run on the ZooKeeper event thread.
 */
final class TransactionBatcher {

    /** Multis sent and not yet answered; while this many are out, writes accumulate into the next batch. */
    static final int MAX_IN_FLIGHT = 4;
    /** Object writes per multi (below {@link Revisions#PER_TRANSACTION}, which the index must stay under). */
    static final int MAX_WRITES = 500;
    /** Bytes per multi: well below ZooKeeper's 1 MiB packet limit (a larger single object goes alone). */
    static final int MAX_BYTES = 512 * 1024;
    /** Round trips kept for {@link #roundTripNanos()}. */
    private static final int ROUND_TRIPS = 4096;

    private final CuratorFramework zk;
    private final String revisionPath;
    // guarded by this
    private final ArrayDeque<PendingWrite> queue = new ArrayDeque<>();
    private int inFlight;
    private long transactions;
    private long writes;
    // the round trips (sent to answered, nanos) of the last ROUND_TRIPS transactions, a ring
    private final long[] roundTrips = new long[ROUND_TRIPS];

    TransactionBatcher(CuratorFramework zk, String revisionPath) {
        this.zk = zk;
        this.revisionPath = revisionPath;
    }

    /** Queues a write and sends what the in-flight limit allows; the write's future completes on commit. */
    synchronized void submit(PendingWrite write) {
        queue.addLast(write);
        sendReady();
    }

    /** Transactions sent and object writes committed so far (for benchmarks: writes per transaction). */
    synchronized long[] counts() {
        return new long[] {transactions, writes};
    }

    /** The ZooKeeper round trips (multi sent to answer, nanoseconds) of the last few thousand transactions. */
    synchronized long[] roundTripNanos() {
        int n = (int) Math.min(transactions, ROUND_TRIPS);
        long[] out = new long[n];
        int k = 0;
        for (long t : roundTrips) {
            if (t > 0 && k < n) {
                out[k++] = t;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /** Writes waiting for a transaction slot. */
    synchronized int queued() {
        return queue.size();
    }

    private void sendReady() {
        while (inFlight < MAX_IN_FLIGHT && !queue.isEmpty()) {
            List<PendingWrite> batch = takeBatch();
            inFlight++;
            transactions++;
            send(batch);
        }
    }

    private List<PendingWrite> takeBatch() {
        List<PendingWrite> batch = new ArrayList<>();
        int bytes = 0;
        while (!queue.isEmpty()) {
            PendingWrite next = queue.peekFirst();
            boolean full = batch.size() == MAX_WRITES || bytes + next.bytes() > MAX_BYTES;
            if (!batch.isEmpty() && (full || next.alone() || batch.get(0).alone())) {
                break;
            }
            batch.add(queue.pollFirst());
            bytes += next.bytes();
        }
        return batch;
    }

    private void send(List<PendingWrite> batch) {
        try {
            List<CuratorOp> ops = new ArrayList<>(batch.size() + 1);
            for (int i = 0; i < batch.size(); i++) {
                ops.add(op(batch.get(i), i));
            }
            ops.add(zk.transactionOp().setData().forPath(revisionPath, new byte[0]));
            long sent = System.nanoTime();
            long number = transactions;
            zk.transaction().inBackground((client, event) -> {
                synchronized (this) {
                    roundTrips[(int) (number % ROUND_TRIPS)] = System.nanoTime() - sent;
                }
                completed(batch, event);
            }).forOperations(ops);
        } catch (Exception e) {
            inFlight--;
            StoreFailure failure = new StoreFailure(StoreFailure.Reason.UNAVAILABLE,
                    "ZooKeeper write failed: " + e.getMessage(), e);
            batch.forEach(w -> w.fail(failure));
        }
    }

    private CuratorOp op(PendingWrite write, int index) throws Exception {
        return switch (write.kind()) {
            case CREATE -> zk.transactionOp().create().withMode(CreateMode.PERSISTENT)
                    .forPath(write.path(), Revisions.encode(index, write.json()));
            case UPDATE -> zk.transactionOp().setData().withVersion(write.expectedZkVersion())
                    .forPath(write.path(), Revisions.encode(index, write.json()));
            case DELETE -> zk.transactionOp().delete().withVersion(write.expectedZkVersion()).forPath(write.path());
        };
    }

    /** Applies an answered multi on the event thread, then sends what waited. */
    private void completed(List<PendingWrite> batch, CuratorEvent event) {
        List<PendingWrite> retry = List.of();
        try {
            retry = apply(batch, event);
        } finally {
            synchronized (this) {
                inFlight--;
                for (int i = retry.size() - 1; i >= 0; i--) {
                    queue.addFirst(retry.get(i));
                }
                sendReady();
            }
        }
    }

    /** Commits or fails the batch's writes; returns the writes to send again. */
    private List<PendingWrite> apply(List<PendingWrite> batch, CuratorEvent event) {
        KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
        List<CuratorTransactionResult> results = event.getOpResults();
        if (code == KeeperException.Code.OK) {
            long zxid = results.get(batch.size()).getResultStat().getMzxid();
            synchronized (this) {
                writes += batch.size();
            }
            for (int i = 0; i < batch.size(); i++) {
                Stat stat = results.get(i).getResultStat();
                int version = batch.get(i).kind() == PendingWrite.Kind.UPDATE && stat != null ? stat.getVersion() : 0;
                batch.get(i).commit(Revisions.of(zxid, i), version);
            }
            return List.of();
        }
        if (batch.size() == 1) {
            batch.get(0).fail(failure(batch.get(0), code));
            return List.of();
        }
        return failOffenders(batch, code, results);
    }

    /**
     * Fails the writes the multi's results name as failing (the others report RUNTIMEINCONSISTENCY: not applied
     * because of another op) and returns the rest; when no write is named (the multi failed as a whole, e.g. a lost
     * connection, or results are missing), every write is sent again alone so each gets its own answer.
     */
    private List<PendingWrite> failOffenders(List<PendingWrite> batch, KeeperException.Code code,
            List<CuratorTransactionResult> results) {
        if (isConnectionProblem(code)) {
            StoreFailure failure = new StoreFailure(StoreFailure.Reason.UNAVAILABLE, "ZooKeeper write failed: " + code);
            batch.forEach(w -> w.fail(failure));
            return List.of();
        }
        List<PendingWrite> rest = new ArrayList<>();
        boolean named = false;
        for (int i = 0; i < batch.size(); i++) {
            int error = results == null || results.size() <= i ? 0 : results.get(i).getError();
            KeeperException.Code own = KeeperException.Code.get(error);
            if (own != KeeperException.Code.OK && own != KeeperException.Code.RUNTIMEINCONSISTENCY) {
                batch.get(i).fail(failure(batch.get(i), own));
                named = true;
            } else {
                rest.add(batch.get(i));
            }
        }
        // ZooKeeper stops at the first failing op, so each failed multi names one offender: the others are sent
        // again together, but at most twice, so that many failing writes in one batch cost no quadratic retries
        rest.forEach(named ? PendingWrite::failedWithOthers : PendingWrite::sendAlone);
        return rest;
    }

    private static boolean isConnectionProblem(KeeperException.Code code) {
        return code == KeeperException.Code.CONNECTIONLOSS || code == KeeperException.Code.SESSIONEXPIRED
                || code == KeeperException.Code.SESSIONMOVED || code == KeeperException.Code.OPERATIONTIMEOUT;
    }

    private static StoreFailure failure(PendingWrite write, KeeperException.Code code) {
        return switch (code) {
            case NODEEXISTS -> new StoreFailure(StoreFailure.Reason.ALREADY_EXISTS, write.key().name() + " already exists");
            case BADVERSION -> new StoreFailure(StoreFailure.Reason.CONFLICT, "the object has been modified");
            case NONODE -> new StoreFailure(StoreFailure.Reason.NOT_FOUND, write.key().name() + " not found");
            default -> new StoreFailure(StoreFailure.Reason.UNAVAILABLE, "ZooKeeper write failed: " + code);
        };
    }
}
