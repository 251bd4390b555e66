package io.strata.services.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.api.json.Json;
import io.strata.services.model.Deployment;
import io.strata.services.model.Instance;
import io.strata.services.model.PathId;
import io.strata.store.leader.Epoch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.KeeperException;

/**
 * The framework's state in ZooKeeper, one znode per object, below a base path:
 * <pre>
 *   base/framework-id             the Mesos framework id (text)
 *   base/apps/&lt;safe id&gt;           current app definition (Marathon JSON)
 *   base/versions/&lt;safe id&gt;/&lt;v&gt;   every stored version of the app
 *   base/instances/&lt;task id&gt;       one instance (task)
 *   base/deployments/&lt;id&gt;          one running deployment
 * </pre>
 * Writes of one path issued from one thread reach ZooKeeper in order (one session), so asynchronous writes of an
 * instance's successive states never reorder. Thread-safe.
 *
 * <p>A store {@linkplain #fencedBy fenced} by a leadership epoch makes every write a multi-op transaction
 * {@code multi(check(<election>/epoch, version), writes...)}: once a newer leader has bumped the epoch, a deposed
 * leader's writes fail with {@link FencedException} and change nothing (the master's {@code ZkStateStore} does
 * the same). Only empty parent nodes are created outside the fence.
 */
public final class ServicesStore {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    /** Operations per multi-op transaction (an instance is ~600 bytes; ZooKeeper's packet limit is 1 MB). */
    private static final int BATCH = 500;
    /** Whether the instances' parent znode is known to exist (it is never removed). */
    private volatile boolean instancesParentReady;
    private static final ObjectMapper MAPPER = Json.camel();
    /** Runs follow-up steps that wait for ZooKeeper off its event thread. */
    private static final java.util.concurrent.Executor SIDE = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private final CuratorFramework client;
    private final String base;
    /** The epoch znode checked by every write, or null when unfenced. */
    private final String epochPath;
    private final Epoch epoch;

    /** An unfenced store below {@code base} (e.g. {@code /marathon}) on a started client. */
    public ServicesStore(CuratorFramework client, String base) {
        this(client, base, null, null);
    }

    private ServicesStore(CuratorFramework client, String base, String epochPath, Epoch epoch) {
        this.client = client;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.epochPath = epochPath;
        this.epoch = epoch;
    }

    /**
     * The same store with every write fenced by {@code epoch}, the term a {@code LeaderContender} under
     * {@code electionPath} reported: writes fail with {@link FencedException} once another leader was elected.
     */
    public ServicesStore fencedBy(Epoch epoch, String electionPath) {
        return new ServicesStore(client, base, electionPath + "/" + Epoch.ZNODE_NAME, java.util.Objects.requireNonNull(epoch));
    }

    /** The epoch fencing this store's writes, or empty when unfenced. */
    public Optional<Epoch> epoch() {
        return Optional.ofNullable(epoch);
    }

    /** The base path. */
    public String base() {
        return base;
    }

    /** The stored framework id, if any. */
    public Optional<String> frameworkId() {
        return read(base + "/framework-id").map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Stores the framework id (synchronously). */
    public void saveFrameworkId(String id) {
        await(put(base + "/framework-id", id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Forgets the framework id (the master no longer knows it). */
    public void clearFrameworkId() {
        await(remove(base + "/framework-id"));
    }

    /** The explicit groups ({@code POST/PUT /v2/groups}, possibly empty ones), as absolute ids. */
    public List<String> groups() {
        return read(base + "/groups").map(ServicesStore::parse).map(json -> {
            List<String> out = new ArrayList<>();
            json.forEach(node -> out.add(node.asText()));
            return out;
        }).orElse(List.of());
    }

    /** Replaces the explicit groups (one znode holding their sorted ids). */
    public CompletableFuture<Void> saveGroups(Collection<String> ids) {
        return put(base + "/groups", bytes(ids.stream().sorted().toList()));
    }

    /** Every stored app definition, as JSON. */
    public List<JsonNode> apps() {
        return readAll(base + "/apps");
    }

    /** Stores the current definition of an app and, as a version, under its version stamp. */
    public CompletableFuture<Void> saveApp(PathId id, String version, Map<String, Object> json) {
        byte[] bytes = bytes(json);
        return CompletableFuture.allOf(put(base + "/apps/" + id.safeId(), bytes),
                put(base + "/versions/" + id.safeId() + "/" + version, bytes));
    }

    /** Removes the app and its versions. */
    public CompletableFuture<Void> deleteApp(PathId id) {
        if (epoch != null) {
            List<CompletableFuture<Void>> children = new ArrayList<>();
            for (String version : versions(id)) {
                children.add(remove(base + "/versions/" + id.safeId() + "/" + version));
            }
            return CompletableFuture.allOf(children.toArray(CompletableFuture[]::new))
                    .thenCompose(ignored -> remove(base + "/versions/" + id.safeId()))
                    .thenCompose(ignored -> remove(base + "/apps/" + id.safeId()));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.delete().deletingChildrenIfNeeded().inBackground((c, event) -> done.complete(null))
                    .forPath(base + "/versions/" + id.safeId());
        } catch (Exception e) {
            done.complete(null);
        }
        return CompletableFuture.allOf(done, remove(base + "/apps/" + id.safeId()));
    }

    /** Stored version stamps of an app, oldest first. */
    public List<String> versions(PathId id) {
        try {
            List<String> out = new ArrayList<>(client.getChildren().forPath(base + "/versions/" + id.safeId()));
            out.sort(null);
            return out;
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw failure("list versions of " + id, e);
        }
    }

    /** One stored version of an app. */
    public Optional<JsonNode> version(PathId id, String version) {
        return read(base + "/versions/" + id.safeId() + "/" + version).map(ServicesStore::parse);
    }

    /** Every stored instance. */
    public List<Instance> instances() {
        return readAll(base + "/instances").stream().map(Records::instance).toList();
    }

    /** Writes an instance (create or overwrite), asynchronously. */
    public CompletableFuture<Void> saveInstance(Instance instance) {
        return put(base + "/instances/" + instance.taskId(), bytes(Records.instance(instance)));
    }

    /**
     * Creates many new instances in multi-op transactions of {@value #BATCH} and waits until all are durable: one
     * ZooKeeper round trip (and one log sync) per batch instead of one per instance. A batch that fails (e.g. a
     * node already exists) is retried node by node with create-or-overwrite.
     */
    public void createInstances(Collection<Instance> instances) {
        await(createInstancesAsync(instances));
    }

    /**
     * Creates new instances' znodes in multi-op transactions of at most {@value #BATCH} creates (fenced when this
     * store is), without waiting: the launch path stores each agent's instances in one multi and sends that agent's
     * ACCEPT as soon as it commits. Falls back to one write per instance when a create fails for another reason
     * than fencing (e.g. a znode left over).
     */
    public CompletableFuture<Void> createInstancesAsync(Collection<Instance> instances) {
        if (!instancesParentReady) {
            ensure(base + "/instances");
            instancesParentReady = true;
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        List<Instance> all = List.copyOf(instances);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Instance> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            List<CuratorOp> ops = new ArrayList<>(batch.size());
            try {
                for (Instance instance : batch) {
                    ops.add(client.transactionOp().create().forPath(base + "/instances/" + instance.taskId(),
                            bytes(Records.instance(instance))));
                }
            } catch (Exception e) {
                return CompletableFuture.failedFuture(failure("prepare instance writes", e));
            }
            writes.add(transaction(ops).exceptionallyCompose(failed -> isFenced(failed) ? CompletableFuture.failedFuture(failed)
                    : CompletableFuture.allOf(batch.stream().map(this::saveInstance).toArray(CompletableFuture[]::new))));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    /**
     * Overwrites existing instances and deletes others in multi-op transactions, asynchronously; a failed batch is
     * retried node by node (create-or-overwrite, delete-if-present).
     */
    public CompletableFuture<Void> writeInstances(Collection<Instance> changed, Collection<String> deleted) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        List<Object> all = new ArrayList<>(changed);
        all.addAll(deleted);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Object> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            List<CuratorOp> ops = new ArrayList<>(batch.size());
            try {
                for (Object item : batch) {
                    ops.add(item instanceof Instance instance
                            ? client.transactionOp().setData().forPath(base + "/instances/" + instance.taskId(),
                                    bytes(Records.instance(instance)))
                            : client.transactionOp().delete().forPath(base + "/instances/" + item));
                }
            } catch (Exception e) {
                throw failure("prepare instance writes", e);
            }
            List<Object> copy = List.copyOf(batch);
            writes.add(transaction(ops).exceptionallyCompose(failed -> isFenced(failed) ? CompletableFuture.failedFuture(failed)
                    : CompletableFuture.allOf(copy.stream()
                    .map(item -> item instanceof Instance instance ? saveInstance(instance) : deleteInstance((String) item))
                    .toArray(CompletableFuture[]::new))));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    /**
     * Runs {@code ops} as one transaction, behind the epoch check when fenced; a failed check completes the result
     * with {@link FencedException}, any other failure with the {@link KeeperException} of the failing op.
     */
    private CompletableFuture<Void> transaction(List<CuratorOp> ops) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            List<CuratorOp> all = ops;
            if (epoch != null) {
                all = new ArrayList<>(ops.size() + 1);
                all.add(client.transactionOp().check().withVersion(epoch.zkVersion()).forPath(epochPath));
                all.addAll(ops);
            }
            client.transaction().inBackground((c, event) -> {
                if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
                    done.complete(null);
                    return;
                }
                List<CuratorTransactionResult> results = event.getOpResults();
                if (epoch != null && (results == null || results.isEmpty()
                        || results.get(0).getError() != KeeperException.Code.OK.intValue())) {
                    done.completeExceptionally(new FencedException(epoch));
                    return;
                }
                KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                if (results != null) {
                    for (CuratorTransactionResult result : results) {
                        int error = result.getError();
                        if (error != KeeperException.Code.OK.intValue()
                                && error != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                            code = KeeperException.Code.get(error);
                            break;
                        }
                    }
                }
                done.completeExceptionally(KeeperException.create(code));
            }).forOperations(all);
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private void ensure(String path) {
        try {
            if (client.checkExists().forPath(path) == null) {
                client.create().creatingParentContainersIfNeeded().forPath(path);
            }
        } catch (KeeperException.NodeExistsException e) {
            // created concurrently
        } catch (Exception e) {
            throw failure("create " + path, e);
        }
    }

    /** Removes an instance, asynchronously. */
    public CompletableFuture<Void> deleteInstance(String taskId) {
        return remove(base + "/instances/" + taskId);
    }

    /** Every stored deployment, as JSON. */
    public List<JsonNode> deployments() {
        return readAll(base + "/deployments");
    }

    /** Writes a deployment with the app it would roll back to. */
    public CompletableFuture<Void> saveDeployment(Deployment deployment, Map<String, Object> previousApp) {
        return put(base + "/deployments/" + deployment.id(), bytes(Records.deployment(deployment, previousApp)));
    }

    /** Removes a deployment. */
    public CompletableFuture<Void> deleteDeployment(String id) {
        return remove(base + "/deployments/" + id);
    }

    /** Waits for a write; a failure becomes an unchecked {@link IllegalStateException}. */
    public static void await(CompletableFuture<?> write) {
        try {
            write.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to ZooKeeper", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("ZooKeeper write failed: " + e.getMessage(), e);
        }
    }

    private CompletableFuture<Void> put(String path, byte[] data) {
        if (epoch != null) {
            return fencedOp(() -> client.transactionOp().setData().forPath(path, data))
                    .exceptionallyComposeAsync(failed -> {
                        if (!(unwrap(failed) instanceof KeeperException.NoNodeException)) {
                            return CompletableFuture.failedFuture(failed);
                        }
                        ensure(path.substring(0, path.lastIndexOf('/')));
                        return fencedOp(() -> client.transactionOp().create().forPath(path, data));
                    }, SIDE); // not on ZooKeeper's event thread: ensure() waits for ZooKeeper
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.create().orSetData().creatingParentContainersIfNeeded().inBackground((c, event) -> {
                if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(KeeperException.create(KeeperException.Code.get(event.getResultCode()), path));
                }
            }).forPath(path, data);
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private CompletableFuture<Void> remove(String path) {
        if (epoch != null) {
            return fencedOp(() -> client.transactionOp().delete().forPath(path)).exceptionallyCompose(failed ->
                    unwrap(failed) instanceof KeeperException.NoNodeException ? CompletableFuture.completedFuture(null)
                            : CompletableFuture.failedFuture(failed));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.delete().inBackground((c, event) -> {
                int rc = event.getResultCode();
                if (rc == KeeperException.Code.OK.intValue() || rc == KeeperException.Code.NONODE.intValue()) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(KeeperException.create(KeeperException.Code.get(rc), path));
                }
            }).forPath(path);
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** One operation behind the epoch check. */
    private CompletableFuture<Void> fencedOp(OpFactory op) {
        try {
            return transaction(List.of(op.create()));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Builds one transaction operation. */
    @FunctionalInterface
    private interface OpFactory {
        CuratorOp create() throws Exception;
    }

    private static Throwable unwrap(Throwable failed) {
        Throwable cause = failed;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Whether a write failed because this store's epoch is no longer current. */
    public static boolean isFenced(Throwable failed) {
        Throwable cause = failed;
        while (cause != null) {
            if (cause instanceof FencedException) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }

    private Optional<byte[]> read(String path) {
        try {
            return Optional.of(client.getData().forPath(path));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw failure("read " + path, e);
        }
    }

    private List<JsonNode> readAll(String parent) {
        List<String> children;
        try {
            children = client.getChildren().forPath(parent);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw failure("list " + parent, e);
        }
        List<JsonNode> out = new ArrayList<>(children.size());
        for (String child : children) {
            read(parent + "/" + child).map(ServicesStore::parse).ifPresent(out::add);
        }
        return out;
    }

    private static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses stored JSON. */
    public static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IllegalStateException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException("cannot " + what + " in ZooKeeper: " + e.getMessage(), e);
    }
}
