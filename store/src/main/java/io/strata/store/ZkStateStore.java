package io.strata.store;

import io.strata.store.StoreException.Code;
import io.strata.store.leader.Epoch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.BackgroundCallback;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.KeeperException;

/**
 * A {@link StateStore} over Apache Curator: one znode per object below a base path, every call a single
 * ZooKeeper request issued in the background, fenced writes as multi-op transactions.
 *
 * <p>A fenced write is {@code multi(check(<base>/epoch, epoch.zkVersion()), <write>)}: ZooKeeper applies both or
 * neither, so once a newer leader has bumped the epoch the deposed leader's write fails with
 * {@link Code#FENCED} and changes nothing. Missing parents of a created node are created outside the
 * transaction, with empty data; they carry no state, so even a deposed leader creating one is harmless.
 *
 * <p>The store does not own the {@link CuratorFramework}: closing the client is the caller's business. Instances
 * are immutable and thread-safe.
 */
public final class ZkStateStore implements StateStore {

    /** Runs completions off ZooKeeper's event thread, so callers may block in dependent stages. */
    private static final Executor VIRTUAL_THREADS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("strata-store-completion-", 0).factory());
    /** Runs completions on ZooKeeper's event thread: one thread hop less, for callers that only wait. */
    private static final Executor EVENT_THREAD = Runnable::run;

    private static final String ZOOKEEPER_EVENT_THREAD_SUFFIX = "-EventThread";

    private final CuratorFramework client;
    private final String basePath;
    private final String epochPath;
    private final Epoch epoch;
    private final Executor completions;
    /** This store completing on the event thread; the synchronous methods wait on it, saving a thread hop. */
    private final ZkStateStore waitingTwin;

    /**
     * Creates an unfenced store over {@code client} keeping its nodes below {@code basePath} (e.g. {@code /strata}).
     *
     * <p>The base path is the one leader election uses, since fenced writes check {@code <basePath>/epoch}.
     */
    public ZkStateStore(CuratorFramework client, String basePath) {
        this(client, basePath, null, VIRTUAL_THREADS);
    }

    private ZkStateStore(CuratorFramework client, String basePath, Epoch epoch, Executor completions) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(basePath, "basePath");
        String problem = StorePaths.baseProblem(basePath);
        if (problem != null) {
            throw new IllegalArgumentException("base path '" + basePath + "' " + problem);
        }
        this.basePath = basePath;
        this.epochPath = basePath + "/" + Epoch.ZNODE_NAME;
        this.epoch = epoch;
        this.completions = completions;
        this.waitingTwin = completions == EVENT_THREAD ? this : new ZkStateStore(client, basePath, epoch, EVENT_THREAD);
    }

    @Override
    public StateStore fencedBy(Epoch epoch) {
        return new ZkStateStore(client, basePath, Objects.requireNonNull(epoch, "epoch"), VIRTUAL_THREADS);
    }

    /**
     * This store fenced by {@code epoch}, completing its futures on ZooKeeper's event thread instead of a new
     * virtual thread each: one thread hop less per write (the master's task write is on the launch path). Only for
     * callers whose continuations never wait for ZooKeeper (they queue work elsewhere or issue more asynchronous
     * calls): a continuation that waits there blocks the thread that would wake it, and deadlocks.
     */
    public StateStore fencedInlineBy(Epoch epoch) {
        return new ZkStateStore(client, basePath, Objects.requireNonNull(epoch, "epoch"), EVENT_THREAD);
    }

    @Override
    public Optional<Epoch> epoch() {
        return Optional.ofNullable(epoch);
    }

    @Override
    public Optional<Versioned> read(String path) {
        return await(waitingTwin.readAsync(path));
    }

    @Override
    public List<String> children(String path) {
        return await(waitingTwin.childrenAsync(path));
    }

    @Override
    public int create(String path, byte[] data) {
        return await(waitingTwin.createAsync(path, data));
    }

    @Override
    public int update(String path, byte[] data, int expectedVersion) {
        return await(waitingTwin.updateAsync(path, data, expectedVersion));
    }

    @Override
    public void delete(String path, int expectedVersion) {
        await(waitingTwin.deleteAsync(path, expectedVersion));
    }

    @Override
    public int put(String path, byte[] data) {
        return await(waitingTwin.putAsync(path, data));
    }

    @Override
    public CompletableFuture<Optional<Versioned>> readAsync(String path) {
        String fullPath = StorePaths.resolve(basePath, path);
        return background(path, callback -> client.getData().inBackground(callback, completions).forPath(fullPath),
                event -> switch (code(event)) {
                    case OK -> Optional.of(new Versioned(event.getData(), event.getStat().getVersion()));
                    case NONODE -> Optional.empty();
                    default -> throw failure(code(event), path, ANY_VERSION);
                });
    }

    @Override
    public CompletableFuture<List<String>> childrenAsync(String path) {
        String fullPath = StorePaths.resolve(basePath, path);
        return background(path, callback -> client.getChildren().inBackground(callback, completions).forPath(fullPath),
                event -> switch (code(event)) {
                    case OK -> sorted(event.getChildren());
                    case NONODE -> List.of();
                    default -> throw failure(code(event), path, ANY_VERSION);
                });
    }

    @Override
    public CompletableFuture<Integer> createAsync(String path, byte[] data) {
        String fullPath = StorePaths.resolve(basePath, path);
        byte[] copy = checkData(data);
        if (epoch == null) {
            return background(path, callback -> client.create().creatingParentsIfNeeded()
                    .inBackground(callback, completions).forPath(fullPath, copy),
                    event -> succeeded(event, path, ANY_VERSION, 0));
        }
        OpFactory create = () -> client.transactionOp().create().forPath(fullPath, copy);
        // Try first: the parent usually exists, and checking it before every create would cost a round trip.
        return transact(path, ANY_VERSION, create, result -> 0)
                .exceptionallyCompose(error -> cause(error).code() != Code.NOT_FOUND
                        ? CompletableFuture.failedFuture(cause(error))
                        : ensureExists(path, StorePaths.parent(fullPath))
                                .thenCompose(created -> transact(path, ANY_VERSION, create, result -> 0)));
    }

    @Override
    public CompletableFuture<Void> createAllAsync(Map<String, byte[]> records) {
        Objects.requireNonNull(records, "records");
        if (records.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> paths = new ArrayList<>(records.size());
        List<String> fullPaths = new ArrayList<>(records.size());
        List<byte[]> copies = new ArrayList<>(records.size());
        long total = 0;
        for (Map.Entry<String, byte[]> r : records.entrySet()) {
            paths.add(r.getKey());
            fullPaths.add(StorePaths.resolve(basePath, r.getKey()));
            byte[] copy = checkData(r.getValue());
            copies.add(copy);
            total += copy.length;
        }
        if (total > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("a batch of " + records.size() + " records holds " + total
                    + " bytes, more than the " + MAX_DATA_BYTES + " bytes one ZooKeeper request may carry");
        }
        // Try first: the parents usually exist, and checking them before every batch would cost a round trip.
        return multiCreate(paths, fullPaths, copies).exceptionallyCompose(error -> {
            if (cause(error).code() != Code.NOT_FOUND) {
                return CompletableFuture.failedFuture(cause(error));
            }
            Map<String, String> parents = new LinkedHashMap<>();
            for (int i = 0; i < paths.size(); i++) {
                parents.putIfAbsent(StorePaths.parent(fullPaths.get(i)), paths.get(i));
            }
            CompletableFuture<?>[] ensured = parents.entrySet().stream()
                    .map(p -> ensureExists(p.getValue(), p.getKey())).toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(ensured).thenCompose(done -> multiCreate(paths, fullPaths, copies));
        });
    }

    /** One multi of (the epoch check, when fenced, and) every create; maps the first failing op to its path. */
    private CompletableFuture<Void> multiCreate(List<String> paths, List<String> fullPaths, List<byte[]> data) {
        int offset = epoch == null ? 0 : 1;
        return background(paths.get(0), callback -> {
            List<CuratorOp> ops = new ArrayList<>(paths.size() + offset);
            if (epoch != null) {
                ops.add(client.transactionOp().check().withVersion(epoch.zkVersion()).forPath(epochPath));
            }
            for (int i = 0; i < paths.size(); i++) {
                ops.add(client.transactionOp().create().forPath(fullPaths.get(i), data.get(i)));
            }
            client.transaction().inBackground(callback, completions).forOperations(ops);
        }, event -> {
            if (code(event) == KeeperException.Code.OK) {
                return null;
            }
            List<CuratorTransactionResult> results = event.getOpResults();
            if (results == null || results.size() != paths.size() + offset) {
                throw failure(code(event), paths.get(0), ANY_VERSION);
            }
            if (offset == 1 && results.get(0).getError() != KeeperException.Code.OK.intValue()) {
                throw new StoreException(Code.FENCED, "batch of " + paths.size() + " creates refused: epoch "
                        + epoch.value() + " is no longer the current leadership epoch");
            }
            for (int i = 0; i < paths.size(); i++) {
                int error = results.get(i + offset).getError();
                if (error != KeeperException.Code.OK.intValue()
                        && error != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                    throw failure(KeeperException.Code.get(error), paths.get(i), ANY_VERSION);
                }
            }
            throw failure(code(event), paths.get(0), ANY_VERSION);
        });
    }

    @Override
    public CompletableFuture<Integer> updateAsync(String path, byte[] data, int expectedVersion) {
        String fullPath = StorePaths.resolve(basePath, path);
        byte[] copy = checkData(data);
        checkVersion(expectedVersion);
        if (epoch == null) {
            return background(path, callback -> client.setData().withVersion(expectedVersion)
                    .inBackground(callback, completions).forPath(fullPath, copy),
                    event -> {
                        succeeded(event, path, expectedVersion, null);
                        return event.getStat().getVersion();
                    });
        }
        return transact(path, expectedVersion,
                () -> client.transactionOp().setData().withVersion(expectedVersion).forPath(fullPath, copy),
                result -> result.getResultStat().getVersion());
    }

    @Override
    public CompletableFuture<Void> deleteAsync(String path, int expectedVersion) {
        String fullPath = StorePaths.resolve(basePath, path);
        checkVersion(expectedVersion);
        if (epoch == null) {
            return background(path, callback -> client.delete().withVersion(expectedVersion)
                    .inBackground(callback, completions).forPath(fullPath), event -> {
                        succeeded(event, path, expectedVersion, null);
                        return null;
                    });
        }
        return transact(path, expectedVersion,
                () -> client.transactionOp().delete().withVersion(expectedVersion).forPath(fullPath),
                result -> null);
    }

    @Override
    public CompletableFuture<Integer> putAsync(String path, byte[] data) {
        byte[] copy = checkData(data);
        return updateAsync(path, copy, ANY_VERSION)
                .exceptionallyCompose(error -> cause(error).code() != Code.NOT_FOUND
                        ? CompletableFuture.failedFuture(cause(error))
                        : createAsync(path, copy))
                // lost a race with a concurrent create: the node exists now, so overwrite it
                .exceptionallyCompose(error -> cause(error).code() != Code.CONFLICT
                        ? CompletableFuture.failedFuture(cause(error))
                        : updateAsync(path, copy, ANY_VERSION));
    }

    @Override
    public String toString() {
        return "ZkStateStore[" + basePath + (epoch == null ? "" : ", fenced by epoch " + epoch.value()) + "]";
    }

    /** Runs {@code multi(check(epoch), op)} in the background and maps the op's result. */
    private <T> CompletableFuture<T> transact(String path, int expectedVersion, OpFactory op,
            Function<CuratorTransactionResult, T> onSuccess) {
        return background(path, callback -> {
            CuratorOp check = client.transactionOp().check().withVersion(epoch.zkVersion()).forPath(epochPath);
            client.transaction().inBackground(callback, completions).forOperations(List.of(check, op.create()));
        }, event -> {
            List<CuratorTransactionResult> results = event.getOpResults();
            if (code(event) == KeeperException.Code.OK) {
                return onSuccess.apply(results.get(1));
            }
            if (results == null || results.size() != 2) {
                throw failure(code(event), path, expectedVersion);
            }
            if (results.get(0).getError() != KeeperException.Code.OK.intValue()) {
                throw new StoreException(Code.FENCED, "write to '" + path + "' refused: epoch " + epoch.value()
                        + " is no longer the current leadership epoch");
            }
            throw failure(KeeperException.Code.get(results.get(1).getError()), path, expectedVersion);
        });
    }

    /** Creates {@code fullPath} and its missing ancestors with empty data; an existing node counts as success. */
    private CompletableFuture<Void> ensureExists(String path, String fullPath) {
        return background(path, callback -> client.create().creatingParentsIfNeeded()
                .inBackground(callback, completions).forPath(fullPath, new byte[0]), event -> {
                    if (code(event) != KeeperException.Code.NODEEXISTS) {
                        succeeded(event, path, ANY_VERSION, null);
                    }
                    return null;
                });
    }

    /** Starts one background request and completes the returned future with the mapped event. */
    private static <T> CompletableFuture<T> background(String path, Request request, Outcome<T> outcome) {
        CompletableFuture<T> future = new CompletableFuture<>();
        BackgroundCallback callback = (client, event) -> {
            try {
                future.complete(outcome.map(event));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        };
        try {
            request.start(callback);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            future.completeExceptionally(new StoreException(Code.UNAVAILABLE,
                    "cannot send request for '" + path + "' to ZooKeeper: " + e, e));
        }
        return future;
    }

    /** Returns {@code result} if the event reports success, else throws the matching {@link StoreException}. */
    private static <T> T succeeded(CuratorEvent event, String path, int expectedVersion, T result) {
        if (code(event) != KeeperException.Code.OK) {
            throw failure(code(event), path, expectedVersion);
        }
        return result;
    }

    private static KeeperException.Code code(CuratorEvent event) {
        return KeeperException.Code.get(event.getResultCode());
    }

    /** Maps a ZooKeeper result code to the store's failure, naming the relative path. */
    static StoreException failure(KeeperException.Code code, String path, int expectedVersion) {
        return switch (code) {
            case NONODE -> new StoreException(Code.NOT_FOUND, "'" + path + "' does not exist");
            case NODEEXISTS -> new StoreException(Code.CONFLICT, "'" + path + "' already exists");
            case BADVERSION -> new StoreException(Code.CONFLICT,
                    "'" + path + "' is no longer at version " + expectedVersion);
            case NOTEMPTY -> new StoreException(Code.CONFLICT, "'" + path + "' has children");
            default -> new StoreException(Code.UNAVAILABLE,
                    "ZooKeeper did not complete the request for '" + path + "': " + code);
        };
    }

    /** Waits for an asynchronous result and rethrows its failure on the caller's thread. */
    static <T> T await(CompletableFuture<T> future) {
        if (Thread.currentThread().getName().endsWith(ZOOKEEPER_EVENT_THREAD_SUFFIX)) {
            // the reply would have to be delivered by this very thread: fail instead of hanging forever
            throw new IllegalStateException("synchronous store call on ZooKeeper's event thread; use the Async "
                    + "variant or move the work to another thread");
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(Code.UNAVAILABLE, "interrupted while waiting for ZooKeeper", e);
        } catch (ExecutionException e) {
            StoreException cause = cause(e);
            // a fresh exception, so the stack trace shows the caller and not ZooKeeper's callback thread
            throw new StoreException(cause.code(), cause.getMessage(), cause);
        }
    }

    /** Unwraps the {@link StoreException} inside a future's failure. */
    static StoreException cause(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        if (current instanceof StoreException storeException) {
            return storeException;
        }
        throw new IllegalStateException("unexpected store failure", current);
    }

    private static byte[] checkData(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        if (data.length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException(
                    "data of " + data.length + " bytes exceeds the limit of " + MAX_DATA_BYTES + " bytes per node");
        }
        return data.clone();
    }

    private static void checkVersion(int expectedVersion) {
        if (expectedVersion < ANY_VERSION) {
            throw new IllegalArgumentException("expected version must be >= -1, was " + expectedVersion);
        }
    }

    private static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        Collections.sort(copy);
        return List.copyOf(copy);
    }

    /** Issues one Curator background request with the given callback. */
    @FunctionalInterface
    private interface Request {
        void start(BackgroundCallback callback) throws Exception;
    }

    /** Builds one transaction operation (Curator's builders declare {@code throws Exception}). */
    @FunctionalInterface
    private interface OpFactory {
        CuratorOp create() throws Exception;
    }

    /** Turns a completed ZooKeeper event into a result or throws a {@link StoreException}. */
    @FunctionalInterface
    private interface Outcome<T> {
        T map(CuratorEvent event);
    }
}
