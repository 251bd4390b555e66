package io.strata.store.leader;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;

/**
 * Increments {@code <base>/epoch} on behalf of a newly elected contender.
 *
 * <p>The increment is one transaction {@code multi(check(member), setData(epoch, n + 1, version))}, so it only
 * happens while the contender's ephemeral member still exists, i.e. while its session is alive. A member that
 * exists and was the smallest stays the smallest (sequence numbers only grow), so the transaction proves that
 * the writer is the leader at the moment of writing; a deposed leader whose stale view says otherwise cannot
 * bump the epoch after its successor did.
 */
final class EpochCounter {

    private static final int MAX_ATTEMPTS = 10;

    private EpochCounter() {
    }

    /**
     * Increments the epoch, creating it with 1 if absent; empty if {@code memberPath} no longer exists.
     *
     * @throws Exception whatever Curator throws once its retries are exhausted (connection loss and the like)
     */
    static Optional<Epoch> increment(CuratorFramework client, String basePath, String memberPath) throws Exception {
        String epochPath = basePath + "/" + Epoch.ZNODE_NAME;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Stat stat = new Stat();
            byte[] current;
            try {
                current = client.getData().storingStatIn(stat).forPath(epochPath);
            } catch (KeeperException.NoNodeException e) {
                current = null;
            }
            long next = current == null ? 1 : parse(epochPath, current) + 1;
            byte[] nextData = Long.toString(next).getBytes(StandardCharsets.US_ASCII);
            CuratorOp write = current == null
                    ? client.transactionOp().create().forPath(epochPath, nextData)
                    : client.transactionOp().setData().withVersion(stat.getVersion()).forPath(epochPath, nextData);
            CuratorOp check = client.transactionOp().check().forPath(memberPath);
            try {
                List<CuratorTransactionResult> results = client.transaction().forOperations(check, write);
                int version = current == null ? 0 : results.get(1).getResultStat().getVersion();
                return Optional.of(new Epoch(next, version));
            } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException e) {
                if (memberFailed(e)) {
                    return Optional.empty();
                }
                // another writer changed the epoch between our read and our write: read again
            } catch (KeeperException.NoNodeException e) {
                if (memberFailed(e)) {
                    return Optional.empty();
                }
                // the epoch node vanished between read and write (deleted by hand): read again
            }
        }
        throw new IllegalStateException("could not increment " + epochPath + " in " + MAX_ATTEMPTS + " attempts");
    }

    /** Parses the decimal epoch number stored at {@code epochPath}. */
    static long parse(String epochPath, byte[] data) {
        String text = new String(data, StandardCharsets.US_ASCII).trim();
        try {
            long value = Long.parseLong(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(epochPath + " holds '" + text + "', not a positive decimal number");
    }

    /** True if the failed transaction failed on its first operation, the member check. */
    private static boolean memberFailed(KeeperException e) {
        List<OpResult> results = e.getResults();
        return results != null && !results.isEmpty()
                && results.get(0) instanceof OpResult.ErrorResult error
                && error.getErr() != KeeperException.Code.OK.intValue();
    }
}
