package io.strata.master.persist;

import io.strata.master.registry.TaskKey;
import io.strata.store.StateStore;
import io.strata.store.StoreException;
import io.strata.store.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master store over a fenced {@link StateStore}: {@code frameworks/<id>}, {@code agents/<id>},
 * {@code tasks/<frameworkId>/<taskId>}. Writes are pipelined; a FENCED failure calls {@code onFenced}.
 */
public final class ZkMasterStore implements MasterStore {
    private static final Logger LOG = LoggerFactory.getLogger(ZkMasterStore.class);
    private final StateStore store;
    private final Consumer<String> onFenced;
    /** The last write issued per path; writes of one path are chained behind it. */
    private final Map<String, CompletableFuture<?>> tails = new ConcurrentHashMap<>();
    private final java.util.Set<CompletableFuture<?>> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A task save waiting inside {@link #batched}, with the future its caller holds. */
    private record PendingSave(TaskKey key, byte[] record, CompletableFuture<Void> stored) {
    }

    /**
     * A batch is one ZooKeeper request, limited to about 1 MiB: larger batches are split into multis of at most
     * this many bytes of records (each multi all or nothing).
     */
    static final int MAX_BATCH_BYTES = StateStore.MAX_DATA_BYTES / 2;

    /** Task saves inside {@link #batched} wait here; only the master loop touches it. */
    private List<PendingSave> pending;
    private final boolean batching;

    /** A store that writes every task record separately. */
    public ZkMasterStore(StateStore fencedStore, Consumer<String> onFenced) {
        this(fencedStore, onFenced, false);
    }

    /**
     * A store that, with {@code batching}, sends the new task records of one {@link #batched} call as fenced
     * multis ({@link StateStore#createAllAsync}).
     */
    public ZkMasterStore(StateStore fencedStore, Consumer<String> onFenced, boolean batching) {
        this.store = fencedStore;
        this.onFenced = onFenced;
        this.batching = batching;
    }

    @Override
    public <T> T batched(Supplier<T> work) {
        if (!batching || pending != null) {
            return work.get();
        }
        pending = new ArrayList<>();
        try {
            return work.get();
        } finally {
            List<PendingSave> saves = pending;
            pending = null;
            saveAll(saves);
        }
    }

    /**
     * Sends new task records as batched creates; a task whose path has a write in flight goes alone, behind that
     * write. A batch that finds a record already stored (its agent re-registered with it) falls back to single
     * writes, which overwrite it; any other failure (fencing, ZooKeeper unavailable) fails every save of the batch.
     */
    private void saveAll(List<PendingSave> saves) {
        Map<String, PendingSave> batch = new java.util.LinkedHashMap<>();
        int bytes = 0;
        for (PendingSave save : saves) {
            String path = "tasks/" + encode(save.key());
            if (tails.containsKey(path) || batch.containsKey(path) || saves.size() == 1) {
                forward(saveTask(save.key(), save.record()), save.stored());
                continue;
            }
            if (bytes + save.record().length > MAX_BATCH_BYTES && !batch.isEmpty()) {
                sendBatch(batch);
                batch = new java.util.LinkedHashMap<>();
                bytes = 0;
            }
            batch.put(path, save);
            bytes += save.record().length;
        }
        if (!batch.isEmpty()) {
            sendBatch(batch);
        }
    }

    private void sendBatch(Map<String, PendingSave> batch) {
        if (batch.size() == 1) {
            PendingSave only = batch.values().iterator().next();
            forward(saveTask(only.key(), only.record()), only.stored());
            return;
        }
        Map<String, byte[]> records = new java.util.LinkedHashMap<>();
        batch.forEach((path, save) -> records.put(path, save.record()));
        CompletableFuture<Void> all = store.createAllAsync(records).exceptionallyCompose(e -> isConflict(e)
                ? CompletableFuture.allOf(records.entrySet().stream().map(r -> createOrPut(r.getKey(), r.getValue()))
                        .toArray(CompletableFuture[]::new))
                : CompletableFuture.failedFuture(e));
        for (Map.Entry<String, PendingSave> e : batch.entrySet()) {
            tails.put(e.getKey(), all);
            all.whenComplete((ok, error) -> tails.remove(e.getKey(), all));
            forward(all, e.getValue().stored());
        }
        watch("tasks (batch of " + batch.size() + ")", all);
    }

    private static void forward(CompletableFuture<?> from, CompletableFuture<Void> to) {
        from.whenComplete((ok, e) -> {
            if (e == null) {
                to.complete(null);
            } else {
                to.completeExceptionally(e);
            }
        });
    }

    @Override
    public void saveFramework(String frameworkId, byte[] record) {
        String path = "frameworks/" + frameworkId;
        write(path, path, () -> store.putAsync(path, record));
    }

    @Override
    public void removeFramework(String frameworkId) {
        String path = "frameworks/" + frameworkId;
        write(path, path, () -> ignoreMissing(store.deleteAsync(path, -1)));
    }

    @Override
    public void saveAgent(String agentId, byte[] record) {
        String path = "agents/" + agentId;
        write(path, path, () -> store.putAsync(path, record));
    }

    @Override
    public void removeAgent(String agentId) {
        String path = "agents/" + agentId;
        write(path, path, () -> ignoreMissing(store.deleteAsync(path, -1)));
    }

    /**
     * Tasks are saved once, at launch (non-terminal status changes are not written), so the node is almost
     * always new: create it first, which is one fenced ZooKeeper transaction, where a put first tries an update
     * that fails on the missing node (a second transaction, logged and synced like the first). A task saved
     * again (its agent re-registered with it) finds the node and falls back to a put.
     */
    @Override
    public CompletableFuture<Void> saveTask(TaskKey key, byte[] record) {
        if (pending != null) {
            CompletableFuture<Void> stored = new CompletableFuture<>();
            pending.add(new PendingSave(key, record, stored));
            return stored;
        }
        String path = "tasks/" + encode(key);
        return write("tasks/" + key.path(), path, () -> createOrPut(path, record)).thenApply(ok -> null);
    }

    private CompletableFuture<?> createOrPut(String path, byte[] record) {
        return store.createAsync(path, record).exceptionallyCompose(e -> isConflict(e) ? store.putAsync(path, record)
                : CompletableFuture.failedFuture(e));
    }

    private static boolean isConflict(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
        return cause instanceof StoreException se && se.code() == StoreException.Code.CONFLICT;
    }

    @Override
    public void removeTask(TaskKey key) {
        String path = "tasks/" + encode(key);
        write("tasks/" + key.path(), path, () -> ignoreMissing(store.deleteAsync(path, -1)));
    }

    /** Task ids may contain characters ZooKeeper paths do not allow; frameworks ids never do. */
    private static String encode(TaskKey key) {
        return key.frameworkId() + "/" + java.net.URLEncoder.encode(key.taskId(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static CompletableFuture<?> ignoreMissing(CompletableFuture<Void> f) {
        return f.exceptionally(e -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
            if (cause instanceof StoreException se && se.code() == StoreException.Code.NOT_FOUND) {
                return null;
            }
            throw e instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(e);
        });
    }

    @Override
    public void flush(java.time.Duration timeout) {
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("store writes still pending or failed at shutdown: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Issues a write after the previous write of the same path has finished. Writes of different paths are
     * pipelined; writes of one path must not be, because a put of a new node is several ZooKeeper round trips
     * (update, create, create parent) and two of them in flight could land in either order, leaving a stale
     * record (e.g. a task stored as STAGING after it ran, or resurrected after its delete).
     */
    private CompletableFuture<?> write(String what, String path, Supplier<CompletableFuture<?>> op) {
        CompletableFuture<?> next = tails.compute(path, (p, tail) -> tail == null ? op.get()
                : tail.handle((ok, e) -> null).thenCompose(ignored -> op.get()));
        next.whenComplete((ok, e) -> tails.remove(path, next));
        watch(what, next);
        return next;
    }

    private void watch(String what, CompletableFuture<?> write) {
        inFlight.add(write);
        write.whenComplete((ok, e) -> inFlight.remove(write));
        write.whenComplete((ok, e) -> {
            if (e == null) {
                return;
            }
            Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
            if (cause instanceof StoreException se && se.code() == StoreException.Code.FENCED) {
                onFenced.accept("write of " + what + " was fenced: a newer master leads");
            } else {
                LOG.warn("store write of {} failed: {}", what, cause.toString());
            }
        });
    }

    @Override
    public Snapshot load() {
        List<byte[]> frameworks = readAll("frameworks");
        List<byte[]> agents = readAll("agents");
        List<byte[]> tasks = new ArrayList<>();
        for (String fw : children("tasks")) {
            tasks.addAll(readAll("tasks/" + fw));
        }
        return new Snapshot(frameworks, agents, tasks);
    }

    private List<String> children(String path) {
        try {
            return store.children(path);
        } catch (StoreException e) {
            if (e.code() == StoreException.Code.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    private List<byte[]> readAll(String path) {
        List<CompletableFuture<java.util.Optional<Versioned>>> reads = new ArrayList<>();
        for (String child : children(path)) {
            reads.add(store.readAsync(path + "/" + child));
        }
        List<byte[]> out = new ArrayList<>();
        for (var r : reads) {
            r.join().ifPresent(v -> out.add(v.data()));
        }
        return out;
    }
}
