package io.strata.master.persist;

import io.strata.master.registry.TaskKey;
import io.strata.store.StateStore;
import io.strata.store.StoreException;
import io.strata.store.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
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

    public ZkMasterStore(StateStore fencedStore, Consumer<String> onFenced) {
        this.store = fencedStore;
        this.onFenced = onFenced;
    }

    @Override
    public void saveFramework(String frameworkId, byte[] record) {
        watch("frameworks/" + frameworkId, store.putAsync("frameworks/" + frameworkId, record));
    }

    @Override
    public void removeFramework(String frameworkId) {
        watch("frameworks/" + frameworkId, ignoreMissing(store.deleteAsync("frameworks/" + frameworkId, -1)));
    }

    @Override
    public void saveAgent(String agentId, byte[] record) {
        watch("agents/" + agentId, store.putAsync("agents/" + agentId, record));
    }

    @Override
    public void removeAgent(String agentId) {
        watch("agents/" + agentId, ignoreMissing(store.deleteAsync("agents/" + agentId, -1)));
    }

    @Override
    public void saveTask(TaskKey key, byte[] record) {
        watch("tasks/" + key.path(), store.putAsync("tasks/" + encode(key), record));
    }

    @Override
    public void removeTask(TaskKey key) {
        watch("tasks/" + key.path(), ignoreMissing(store.deleteAsync("tasks/" + encode(key), -1)));
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

    private void watch(String what, CompletableFuture<?> write) {
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
