package io.strata.services.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.api.json.Json;
import io.strata.services.model.Deployment;
import io.strata.services.model.Instance;
import io.strata.services.model.PathId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
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
 */
public final class ServicesStore {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    /** Operations per multi-op transaction (an instance is ~600 bytes; ZooKeeper's packet limit is 1 MB). */
    private static final int BATCH = 500;
    private static final ObjectMapper MAPPER = Json.camel();

    private final CuratorFramework client;
    private final String base;

    /** A store below {@code base} (e.g. {@code /marathon}) on a started client. */
    public ServicesStore(CuratorFramework client, String base) {
        this.client = client;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
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
        ensure(base + "/instances");
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
                throw failure("prepare instance writes", e);
            }
            writes.add(transaction(ops).exceptionallyCompose(failed -> CompletableFuture.allOf(
                    batch.stream().map(this::saveInstance).toArray(CompletableFuture[]::new))));
        }
        await(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
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
            writes.add(transaction(ops).exceptionallyCompose(failed -> CompletableFuture.allOf(copy.stream()
                    .map(item -> item instanceof Instance instance ? saveInstance(instance) : deleteInstance((String) item))
                    .toArray(CompletableFuture[]::new))));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> transaction(List<CuratorOp> ops) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.transaction().inBackground((c, event) -> {
                if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(KeeperException.create(KeeperException.Code.get(event.getResultCode())));
                }
            }).forOperations(ops);
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
