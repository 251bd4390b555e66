package io.strata.kubernetes.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;

/**
 * An {@link ObjectStore} over ZooKeeper: one znode per object under {@code <base>/objects/<resource>/<namespace>}.
 * Concurrent writes are grouped into ZooKeeper multis ({@link TransactionBatcher}); a write's resourceVersion is
 * {@code zxid * 1000 + its index in the multi} ({@link Revisions}: unique per write, monotonic in commit order, kept
 * across restarts), and commit order is the event order.
 *
 * <p>Writes are sent asynchronously; their completions arrive on the ZooKeeper event thread in commit order, where
 * the cache and the event window are updated and watchers notified. Reads are served from the cache, so they see
 * every write whose call has returned. This process must be the only writer of {@code base} (one API server).
 *
 * <p>A multi ZooKeeper commits but whose reply is lost (connection or session loss) fails its callers while the
 * cache keeps the old state, so every later write of those keys would fail too. Any failed write of a key therefore
 * resyncs it first ({@link CacheResync}): the key is re-read and, if ZooKeeper differs, the difference is published
 * as an ADDED, MODIFIED or DELETED event whose revision comes from a fresh ZooKeeper transaction applied in commit
 * order, so revisions stay unique and monotonic in event order.
 */
public final class ZkObjectStore implements ObjectStore {

    /** ZooKeeper's default jute.maxbuffer is 1 MiB; objects above this are refused. */
    public static final int MAX_OBJECT_BYTES = 1_000_000;
    private static final ObjectMapper JSON = PooledJson.mapper();
    private static final long WRITE_TIMEOUT_SECONDS = 30;

    /** One cached object with its revision and the version of its znode (compared with ZooKeeper's on resync). */
    record Entry(ObjectKey key, ObjectNode object, long revision, int zkVersion) {
    }

    private record Subscription(String prefix, WatchListener listener) {
    }

    private final CuratorFramework zk;
    private final TransactionBatcher batcher;
    private final String base;
    private final String revisionPath;
    private final int windowSize;
    private final ConcurrentSkipListMap<String, Entry> cache = new ConcurrentSkipListMap<>();
    private final Set<String> knownParents = ConcurrentHashMap.newKeySet();
    private final CacheResync resync;
    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    // guarded by this: the event window and the revision it starts after
    private final ArrayDeque<StoreEvent> window = new ArrayDeque<>();
    private long windowStart;
    private volatile long revision;

    private ZkObjectStore(CuratorFramework zk, String base, int windowSize) {
        this.zk = zk;
        this.batcher = new TransactionBatcher(zk, base + "/revision");
        this.base = base;
        this.revisionPath = base + "/revision";
        this.windowSize = windowSize;
        this.resync = new CacheResync(zk, revisionPath, new ResyncTarget());
    }

    /**
     * Opens the store under {@code base} (a znode path such as {@code /kubernetes}) of a started client, loading
     * every object into the cache, and keeping the last {@code windowSize} events for watches.
     */
    public static ZkObjectStore open(CuratorFramework zk, String base, int windowSize) {
        Objects.requireNonNull(zk, "zk");
        if (!base.startsWith("/") || base.endsWith("/")) {
            throw new IllegalArgumentException("base must be an absolute znode path: " + base);
        }
        if (windowSize < 1) {
            throw new IllegalArgumentException("windowSize must be positive: " + windowSize);
        }
        ZkObjectStore store = new ZkObjectStore(zk, base, windowSize);
        store.load();
        store.resync.start();
        return store;
    }

    private void load() {
        try {
            zk.create().orSetData().creatingParentContainersIfNeeded().forPath(base + "/objects");
            if (zk.checkExists().forPath(revisionPath) == null) {
                zk.create().orSetData().forPath(revisionPath, new byte[0]);
            }
            long max = Revisions.upperBound(zk.checkExists().forPath(revisionPath).getMzxid());
            for (String resourceDir : zk.getChildren().forPath(base + "/objects")) {
                String resource = resourceDir.replace('~', '/');
                for (String nsDir : zk.getChildren().forPath(base + "/objects/" + resourceDir)) {
                    String namespace = "_".equals(nsDir) ? "" : nsDir;
                    String parent = base + "/objects/" + resourceDir + "/" + nsDir;
                    knownParents.add(parent);
                    for (String name : zk.getChildren().forPath(parent)) {
                        Stat stat = new Stat();
                        Revisions.Decoded data = Revisions.decode(
                                zk.getData().storingStatIn(stat).forPath(parent + "/" + name));
                        long rev = Revisions.of(stat.getMzxid(), data.index());
                        ObjectKey key = new ObjectKey(resource, namespace, name);
                        ObjectNode object = withRevision((ObjectNode) JSON.readTree(data.json()), rev);
                        cache.put(key.sortKey(), new Entry(key, object, rev, stat.getVersion()));
                        max = Math.max(max, rev);
                    }
                }
            }
            revision = max;
            windowStart = max;
        } catch (Exception e) {
            throw new StoreFailure(StoreFailure.Reason.UNAVAILABLE, "cannot load objects from ZooKeeper: " + e, e);
        }
    }

    @Override
    public Optional<ObjectNode> get(ObjectKey key) {
        Entry entry = cache.get(key.sortKey());
        return entry == null ? Optional.empty() : Optional.of(entry.object().deepCopy());
    }

    @Override
    public Optional<ObjectNode> read(ObjectKey key) {
        Entry entry = cache.get(key.sortKey());
        return entry == null ? Optional.empty() : Optional.of(entry.object());
    }

    @Override
    public ListPage list(String resource, String namespace, Predicate<ObjectNode> filter, int limit,
            String continueToken) {
        return list(resource, namespace, filter, limit, continueToken, true);
    }

    @Override
    public ListPage listShared(String resource, String namespace, Predicate<ObjectNode> filter, int limit,
            String continueToken) {
        return list(resource, namespace, filter, limit, continueToken, false);
    }

    private ListPage list(String resource, String namespace, Predicate<ObjectNode> filter, int limit,
            String continueToken, boolean copy) {
        long at = revision;
        String prefix = prefix(resource, namespace);
        String from = continueToken.isEmpty() ? prefix : decodeToken(continueToken);
        boolean inclusive = continueToken.isEmpty();
        List<ObjectNode> items = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, Entry> e : cache.tailMap(from, inclusive).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (!filter.test(e.getValue().object())) {
                continue;
            }
            if (limit > 0 && items.size() == limit) {
                return new ListPage(items, at, encodeToken(last));
            }
            items.add(copy ? e.getValue().object().deepCopy() : e.getValue().object());
            last = e.getKey();
        }
        return new ListPage(items, at, "");
    }

    @Override
    public void scan(String resource, String namespace, java.util.function.Consumer<ObjectNode> visitor) {
        String prefix = prefix(resource, namespace);
        for (Entry e : cache.subMap(prefix, prefix + "\uffff").values()) {
            visitor.accept(e.object());
        }
    }

    private static String prefix(String resource, String namespace) {
        return namespace == null ? resource + "\u0000" : resource + "\u0000" + namespace + "\u0000";
    }

    private static String encodeToken(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid continue token", e);
        }
    }

    @Override
    public ObjectNode create(ObjectKey key, ObjectNode object) {
        // the cache holds every committed write of this (the only) writer: an existing name fails here, not in a
        // multi where it would fail the writes batched with it
        if (cache.containsKey(key.sortKey())) {
            throw new StoreFailure(StoreFailure.Reason.ALREADY_EXISTS, key.name() + " already exists");
        }
        Serialized serialized = serialize(object);
        ensureParent(key);
        return write(new PendingWrite(PendingWrite.Kind.CREATE, key, path(key), serialized.data(), -1,
                (rev, zkVersion) -> {
                    Entry entry = new Entry(key, withRevision(serialized.copy(), rev), rev, 0);
                    cache.put(key.sortKey(), entry);
                    publish(new StoreEvent(StoreEvent.Type.ADDED, key, entry.object(), rev));
                    return entry.object();
                }));
    }

    @Override
    public ObjectNode update(ObjectKey key, long expectedRevision, ObjectNode object) {
        Entry current = current(key, expectedRevision);
        Serialized serialized = serialize(object);
        return write(new PendingWrite(PendingWrite.Kind.UPDATE, key, path(key), serialized.data(),
                current.zkVersion(), (rev, zkVersion) -> {
                    Entry entry = new Entry(key, withRevision(serialized.copy(), rev), rev, zkVersion);
                    cache.put(key.sortKey(), entry);
                    publish(new StoreEvent(StoreEvent.Type.MODIFIED, key, entry.object(), rev, current.object()));
                    return entry.object();
                }));
    }

    @Override
    public ObjectNode delete(ObjectKey key, long expectedRevision) {
        Entry current = current(key, expectedRevision);
        return write(new PendingWrite(PendingWrite.Kind.DELETE, key, path(key), null, current.zkVersion(),
                (rev, zkVersion) -> {
                    cache.remove(key.sortKey());
                    ObjectNode last = withRevision(current.object().deepCopy(), rev);
                    publish(new StoreEvent(StoreEvent.Type.DELETED, key, last, rev));
                    return last;
                }));
    }

    private Entry current(ObjectKey key, long expectedRevision) {
        Entry current = cache.get(key.sortKey());
        if (current == null) {
            throw new StoreFailure(StoreFailure.Reason.NOT_FOUND, key.name() + " not found");
        }
        if (expectedRevision != 0 && expectedRevision != current.revision()) {
            throw new StoreFailure(StoreFailure.Reason.CONFLICT, "the object has been modified");
        }
        return current;
    }

    /** Transactions sent and object writes committed since open (writes per transaction = batching). */
    public long[] transactionCounts() {
        return batcher.counts();
    }

    /** The ZooKeeper round trips of the last few thousand transactions, in nanoseconds (for benchmarks). */
    public long[] roundTripNanos() {
        return batcher.roundTripNanos();
    }

    /** Brings one key's cache entry in line with ZooKeeper (for tests; writes do it after failures). */
    CompletableFuture<Void> resync(ObjectKey key) {
        return resync.resync(key);
    }

    /** Writes waiting for a transaction slot (for tests). */
    int queuedWrites() {
        return batcher.queued();
    }

    /**
     * Queues one write for the next ZooKeeper transaction and waits for it; its commit is applied on the
     * ZooKeeper event thread, in commit order, so the cache, the window and the watchers see writes in revision
     * order, before this call returns. A failure that shows the cache may disagree with ZooKeeper (a stale version,
     * an unexpected or missing znode, or an unknown outcome after a lost connection or a timeout) first brings the
     * key's cache entry in line ({@link #resync}), so the caller's retry with the fresh resourceVersion succeeds.
     */
    private ObjectNode write(PendingWrite pending) {
        batcher.submit(pending);
        try {
            return awaitCommit(pending);
        } catch (StoreFailure failure) {
            if (failure.reason() != StoreFailure.Reason.TOO_LARGE) {
                awaitResync(pending.key());
            }
            throw failure;
        }
    }

    private static ObjectNode awaitCommit(PendingWrite pending) {
        try {
            return pending.done().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreFailure failure) {
                throw failure;
            }
            throw new StoreFailure(StoreFailure.Reason.UNAVAILABLE, "ZooKeeper write failed: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new StoreFailure(StoreFailure.Reason.UNAVAILABLE, "ZooKeeper write timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreFailure(StoreFailure.Reason.UNAVAILABLE, "interrupted", e);
        }
    }

    /**
     * Resyncs {@code key} and waits for it; a resync that cannot finish now (ZooKeeper unreachable) is retried when
     * the connection comes back, and the caller gets its original error either way.
     */
    private void awaitResync(ObjectKey key) {
        try {
            resync.resync(key).get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            resync.suspect(key);
        } catch (InterruptedException e) {
            resync.suspect(key);
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void publish(StoreEvent event) {
        revision = event.revision();
        window.addLast(event);
        while (window.size() > windowSize) {
            windowStart = window.removeFirst().revision();
        }
        // once per event, not once per subscription (a thousand watchers made a thousand key strings per event)
        String sortKey = event.key().sortKey();
        for (Subscription s : subscriptions) {
            if (sortKey.startsWith(s.prefix())) {
                s.listener().onEvent(event);
            }
        }
    }

    @Override
    public synchronized Watch watch(String resource, String namespace, long fromRevision, WatchListener listener) {
        Objects.requireNonNull(listener, "listener");
        String prefix = prefix(resource, namespace);
        if (fromRevision == 0) {
            for (Entry e : cache.subMap(prefix, prefix + "\uffff").values()) {
                listener.onEvent(new StoreEvent(StoreEvent.Type.ADDED, e.key(), e.object(), e.revision()));
            }
        } else {
            if (fromRevision < windowStart) {
                throw new StoreFailure(StoreFailure.Reason.EXPIRED,
                        "too old resource version: " + fromRevision + " (" + windowStart + ")");
            }
            for (StoreEvent e : window) {
                if (e.revision() > fromRevision && e.key().sortKey().startsWith(prefix)) {
                    listener.onEvent(e);
                }
            }
        }
        Subscription subscription = new Subscription(prefix, listener);
        subscriptions.add(subscription);
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                subscriptions.remove(subscription);
            }
        };
    }

    @Override
    public long revision() {
        return revision;
    }

    @Override
    public void close() {
        resync.close();
        subscriptions.clear();
    }

    private void ensureParent(ObjectKey key) {
        String parent = parentPath(key);
        if (knownParents.contains(parent)) {
            return;
        }
        try {
            zk.create().orSetData().creatingParentContainersIfNeeded().forPath(parent);
        } catch (Exception e) {
            throw new StoreFailure(StoreFailure.Reason.UNAVAILABLE, "cannot create " + parent + ": " + e, e);
        }
        knownParents.add(parent);
    }

    private String parentPath(ObjectKey key) {
        return base + "/objects/" + key.resource().replace('/', '~') + "/"
                + (key.namespace().isEmpty() ? "_" : key.namespace());
    }

    private String path(ObjectKey key) {
        return parentPath(key) + "/" + key.name();
    }

    /**
     * What {@link CacheResync} may do to this store: read an entry, replace it by compare-and-set and publish the
     * event that says so. Called on the ZooKeeper event thread, in commit order, like commits.
     */
    private final class ResyncTarget implements CacheResync.Target {

        @Override
        public String path(ObjectKey key) {
            return ZkObjectStore.this.path(key);
        }

        @Override
        public Entry cached(ObjectKey key) {
            return cache.get(key.sortKey());
        }

        @Override
        public boolean found(Entry seen, ObjectKey key, byte[] json, long rev, int zkVersion) throws IOException {
            requireAfterCurrent(rev);
            ObjectNode object = withRevision((ObjectNode) JSON.readTree(json), rev);
            Entry entry = new Entry(key, object, rev, zkVersion);
            if (seen == null ? cache.putIfAbsent(key.sortKey(), entry) != null
                    : !cache.replace(key.sortKey(), seen, entry)) {
                return false;
            }
            publish(seen == null ? new StoreEvent(StoreEvent.Type.ADDED, key, object, rev)
                    : new StoreEvent(StoreEvent.Type.MODIFIED, key, object, rev, seen.object()));
            return true;
        }

        @Override
        public boolean gone(Entry seen, long rev) {
            requireAfterCurrent(rev);
            if (!cache.remove(seen.key().sortKey(), seen)) {
                return false;
            }
            publish(new StoreEvent(StoreEvent.Type.DELETED, seen.key(), withRevision(seen.object().deepCopy(), rev),
                    rev));
            return true;
        }
    }

    /** Event revisions only go up: a resync event below the current revision would be missed by resumed watches. */
    private void requireAfterCurrent(long rev) {
        if (rev <= revision) {
            throw new IllegalStateException("resync revision " + rev + " is not above the current " + revision);
        }
    }

    /** The bytes written to the znode and the private copy they were made from (cached after the commit). */
    private record Serialized(ObjectNode copy, byte[] data) {
    }

    /**
     * Serializes a private copy without its resourceVersion; the copy, not a parse of the bytes, becomes the
     * cached object, so the ZooKeeper event thread (which applies every commit in order) parses no JSON.
     */
    private static Serialized serialize(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("resourceVersion");
        }
        try {
            byte[] data = JSON.writeValueAsBytes(copy);
            if (data.length > MAX_OBJECT_BYTES) {
                throw new StoreFailure(StoreFailure.Reason.TOO_LARGE,
                        "object is " + data.length + " bytes, more than the " + MAX_OBJECT_BYTES + " a znode holds");
            }
            return new Serialized(copy, data);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize object", e);
        }
    }

    private static ObjectNode withRevision(ObjectNode object, long revision) {
        ObjectNode metadata = object.get("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
        metadata.put("resourceVersion", Long.toString(revision));
        return object;
    }
}
