package io.strata.kubernetes.store;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Brings one key of {@link ZkObjectStore}'s cache back in line with ZooKeeper after a write whose outcome the cache
 * does not know: a multi ZooKeeper committed but whose reply was lost (connection or session loss), which leaves the
 * cache with an old znode version (every later update fails BADVERSION), without a created object, or with a deleted
 * one. Triggered by any failed write of the key; the caller still gets its error, and its retry with the fresh
 * resourceVersion succeeds.
 *
 * <p>Steps: read the znode in the background, so the answer is handled on the ZooKeeper event thread after every
 * earlier multi's commit has been applied to the cache (one session answers in order); if it matches the cached
 * entry (same znode version and revision: the failure was an ordinary conflict), nothing changes. Otherwise a
 * <em>stamp</em> transaction is committed: for a present znode, a setData of the same object JSON expecting the
 * version just read, plus the setData of {@code <base>/revision}; for an absent one, only the latter. Its callback
 * replaces the cache entry by compare-and-set with the entry seen at the read and publishes ADDED, MODIFIED or
 * DELETED with revision {@link Revisions#of}(stamp zxid, 0).
 *
 * <p>Why a stamp rather than the revision derived from the znode's own mzxid: commits applied after the lost one
 * have raised the store's revision above it, and an event below the current revision would break the watch
 * contract (resumed watches would miss it, revisions would go backwards). The stamp's zxid is above every commit
 * applied so far, and its callback runs in commit order with theirs, so the event's revision is the next one in the
 * store's order; because the stamp rewrites the znode, a restart derives the same revision from it. The version
 * check makes the stamp fail if the znode changed after the read (then the read is repeated, a few times at most).
 * An absent znode needs no check: only this store creates objects, a create is sent only for keys missing from the
 * cache, and a create committed between read and stamp makes the compare-and-set fail. Resyncs are rare (one extra
 * transaction per lost reply), so this costs nothing in steady state.
 *
 * <p>A resync that fails (ZooKeeper unreachable) leaves the key as a suspect, resynced again on reconnection.
 */
final class CacheResync implements AutoCloseable {

    /** Reads and stamps made for one key before giving up (each retry means the znode changed once more). */
    private static final int ATTEMPTS = 3;

    /** The store's side: cache entries and events; called on the ZooKeeper event thread. */
    interface Target {

        /** The znode path of a key. */
        String path(ObjectKey key);

        /** The cached entry of a key, or null. */
        ZkObjectStore.Entry cached(ObjectKey key);

        /**
         * Replaces {@code seen} (null: no entry) by the object ZooKeeper holds and publishes ADDED or MODIFIED;
         * false when the entry is no longer {@code seen}.
         */
        boolean found(ZkObjectStore.Entry seen, ObjectKey key, byte[] json, long revision, int zkVersion)
                throws IOException;

        /** Removes {@code seen} and publishes DELETED; false when the entry is no longer {@code seen}. */
        boolean gone(ZkObjectStore.Entry seen, long revision);
    }

    private final CuratorFramework zk;
    private final String revisionPath;
    private final Target target;
    private final Set<ObjectKey> suspects = ConcurrentHashMap.newKeySet();
    private final ConnectionStateListener reconnect = (client, state) -> {
        if (state == ConnectionState.RECONNECTED) {
            resyncSuspects();
        }
    };

    CacheResync(CuratorFramework zk, String revisionPath, Target target) {
        this.zk = zk;
        this.revisionPath = revisionPath;
        this.target = target;
    }

    /** Starts resyncing suspects on reconnection. */
    void start() {
        zk.getConnectionStateListenable().addListener(reconnect);
    }

    @Override
    public void close() {
        zk.getConnectionStateListenable().removeListener(reconnect);
    }

    /** Remembers a key whose resync could not finish, for the next reconnection. */
    void suspect(ObjectKey key) {
        suspects.add(key);
    }

    /** Keys waiting for a resync (for tests). */
    Set<ObjectKey> suspects() {
        return Set.copyOf(suspects);
    }

    private void resyncSuspects() {
        for (ObjectKey key : List.copyOf(suspects)) {
            suspects.remove(key);
            resync(key).whenComplete((ok, failure) -> {
                if (failure != null) {
                    suspects.add(key);
                }
            });
        }
    }

    /** Resyncs one key; completes once the cache agrees with ZooKeeper (or exceptionally when it cannot tell). */
    CompletableFuture<Void> resync(ObjectKey key) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        read(key, ATTEMPTS, done);
        return done;
    }

    private void read(ObjectKey key, int attemptsLeft, CompletableFuture<Void> done) {
        try {
            zk.getData().inBackground((client, event) -> guard(done, () -> compare(key, event, attemptsLeft, done)))
                    .forPath(target.path(key));
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
    }

    /** On the event thread: compares the znode read with the cache and stamps when they differ. */
    private void compare(ObjectKey key, CuratorEvent event, int attemptsLeft, CompletableFuture<Void> done)
            throws Exception {
        KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
        ZkObjectStore.Entry seen = target.cached(key);
        if (code == KeeperException.Code.NONODE) {
            if (seen == null) {
                done.complete(null);
            } else {
                stamp(key, seen, null, null, attemptsLeft, done);
            }
        } else if (code == KeeperException.Code.OK) {
            Stat stat = event.getStat();
            Revisions.Decoded data = Revisions.decode(event.getData());
            boolean same = seen != null && seen.zkVersion() == stat.getVersion()
                    && seen.revision() == Revisions.of(stat.getMzxid(), data.index());
            if (same) {
                done.complete(null);
            } else {
                stamp(key, seen, data.json(), stat, attemptsLeft, done);
            }
        } else {
            done.completeExceptionally(KeeperException.create(code, target.path(key)));
        }
    }

    /** Commits the stamp transaction ({@code json} null: the znode is absent) and applies it on its callback. */
    private void stamp(ObjectKey key, ZkObjectStore.Entry seen, byte[] json, Stat stat, int attemptsLeft,
            CompletableFuture<Void> done) throws Exception {
        List<CuratorOp> ops = json == null
                ? List.of(zk.transactionOp().setData().forPath(revisionPath, new byte[0]))
                : List.of(zk.transactionOp().setData().withVersion(stat.getVersion())
                                .forPath(target.path(key), Revisions.encode(0, json)),
                        zk.transactionOp().setData().forPath(revisionPath, new byte[0]));
        zk.transaction().inBackground((client, event) -> guard(done, () -> {
            KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
            if (code == KeeperException.Code.OK) {
                long revision = Revisions.of(event.getOpResults().get(ops.size() - 1).getResultStat().getMzxid(), 0);
                boolean applied = json == null ? target.gone(seen, revision) : target.found(seen, key, json,
                        revision, event.getOpResults().get(0).getResultStat().getVersion());
                retryOrFinish(key, applied, attemptsLeft, done);
            } else if (code == KeeperException.Code.BADVERSION || code == KeeperException.Code.NONODE) {
                retryOrFinish(key, false, attemptsLeft, done);
            } else {
                done.completeExceptionally(KeeperException.create(code, target.path(key)));
            }
        })).forOperations(ops);
    }

    private void retryOrFinish(ObjectKey key, boolean applied, int attemptsLeft, CompletableFuture<Void> done) {
        if (applied) {
            done.complete(null);
        } else if (attemptsLeft > 1) {
            read(key, attemptsLeft - 1, done);
        } else {
            done.completeExceptionally(new IllegalStateException("znode of " + key + " kept changing during resync"));
        }
    }

    /** A step of a resync; failures complete its future instead of reaching the event thread. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static void guard(CompletableFuture<Void> done, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
    }
}
