package io.strata.master.persist;

import io.strata.store.leader.Epoch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * Batched creates as one ZooKeeper multi: {@code check(<base>/epoch, version)} followed by every create, so a
 * master fenced off by a newer epoch writes nothing, exactly as the store's single fenced writes. Parents are
 * not created: a missing parent fails the batch and the caller falls back to single writes.
 */
public final class CuratorTaskBatchWriter implements TaskBatchWriter {
    private final CuratorFramework curator;
    private final String basePath;
    private final Epoch epoch;

    /** A writer under {@code basePath} (the leader-election base path) fenced by {@code epoch}. */
    public CuratorTaskBatchWriter(CuratorFramework curator, String basePath, Epoch epoch) {
        this.curator = curator;
        this.basePath = basePath;
        this.epoch = epoch;
    }

    @Override
    public CompletableFuture<Void> createAll(Map<String, byte[]> records) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            List<CuratorOp> ops = new ArrayList<>(records.size() + 1);
            ops.add(curator.transactionOp().check().withVersion(epoch.zkVersion())
                    .forPath(basePath + "/" + Epoch.ZNODE_NAME));
            for (Map.Entry<String, byte[]> r : records.entrySet()) {
                ops.add(curator.transactionOp().create().forPath(basePath + "/" + r.getKey(), r.getValue().clone()));
            }
            curator.transaction().inBackground((client, event) -> {
                if (event.getResultCode() == 0) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(new IllegalStateException("batched create of " + records.size()
                            + " records failed with ZooKeeper code " + event.getResultCode()));
                }
            }).forOperations(ops);
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
        return done;
    }
}
