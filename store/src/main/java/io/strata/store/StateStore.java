package io.strata.store;

import io.strata.store.leader.Epoch;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A hierarchical, versioned key-value store holding one object per node, addressed by relative paths such as
 * {@code agents/<agentId>}, {@code frameworks/<frameworkId>} or {@code tasks/<frameworkId>/<taskId>}.
 *
 * <p>Paths are relative to the store's base path, use {@code /} between segments, never start or end with
 * {@code /}, and may not start with the names reserved for leader election ({@code epoch}, {@code json.info_*}).
 * Data is at most {@link #MAX_DATA_BYTES} per node. Versions are ZooKeeper data versions: 0 after creation, plus
 * one per write; an {@code expectedVersion} of {@link #ANY_VERSION} skips the check.
 *
 * <p>Every synchronous method has an asynchronous twin ending in {@code Async}. Issuing many asynchronous writes
 * before waiting for any is several times faster than writing one at a time, because ZooKeeper then commits many
 * writes per disk sync. Asynchronous results complete on a virtual thread, never on ZooKeeper's event thread, so
 * dependent stages may call the store again, even synchronously. The synchronous methods must not be called on
 * ZooKeeper's own event thread (inside a Curator watcher or background callback): they throw
 * {@link IllegalStateException} there rather than wait forever for a reply that thread would have to deliver.
 * Failures are always a {@link StoreException}: thrown by the synchronous methods, and the cause of the
 * exceptional completion of the asynchronous ones. Malformed paths and oversized data throw
 * {@link IllegalArgumentException} right away.
 *
 * <p>A store bound to an {@link Epoch} with {@link #fencedBy(Epoch)} makes each write conditional on that epoch
 * still being current, atomically; writes of a deposed leader fail with {@link StoreException.Code#FENCED} and
 * change nothing. Reads are never fenced.
 */
public interface StateStore {

    /** The expected version that matches any version. */
    int ANY_VERSION = -1;

    /** The largest data a node may hold, kept well below ZooKeeper's 1 MiB request limit. */
    int MAX_DATA_BYTES = 1_000_000;

    /** Reads a node; empty if it does not exist. */
    Optional<Versioned> read(String path);

    /**
     * Lists the names (not paths) of a node's children in ascending order; empty if the node does not exist.
     *
     * <p>ZooKeeper returns all names in one response, limited like any request to about 1 MiB: keep fan-out below
     * roughly 20,000 children of 40-character names per node (shard by a prefix segment beyond that).
     */
    List<String> children(String path);

    /**
     * Creates a node, and any missing parents with empty data, and returns its version (always 0).
     *
     * @throws StoreException {@code CONFLICT} if the node exists, {@code FENCED} if the epoch is no longer current
     */
    int create(String path, byte[] data);

    /**
     * Replaces a node's data if its version is {@code expectedVersion} and returns the new version.
     *
     * @throws StoreException {@code NOT_FOUND} if the node does not exist, {@code CONFLICT} if the version differs
     */
    int update(String path, byte[] data, int expectedVersion);

    /**
     * Deletes a node if its version is {@code expectedVersion} ({@link #ANY_VERSION} for any).
     *
     * @throws StoreException {@code NOT_FOUND} if it does not exist, {@code CONFLICT} if the version differs or the
     *     node has children
     */
    void delete(String path, int expectedVersion);

    /** Creates the node or overwrites it whatever its version, and returns the resulting version. */
    int put(String path, byte[] data);

    /**
     * Creates several new nodes in one ZooKeeper multi: all of them or none (with the epoch check first when the
     * store is fenced, so a deposed leader creates nothing). Missing parents are created with empty data
     * outside the multi, as {@link #create} does, and the multi is retried once. One multi is one request and one
     * disk sync for the whole batch, where separate creates pipeline but still cost a transaction each.
     *
     * <p>Completes with a {@link StoreException}: {@code CONFLICT} if any node exists (none is created),
     * {@code FENCED} if the epoch is no longer current, {@code UNAVAILABLE} otherwise.
     *
     * @param records relative paths and their data, created in iteration order; empty completes at once
     * @throws IllegalArgumentException for a malformed path, oversized data, or a batch whose data totals more than
     *     {@link #MAX_DATA_BYTES} (one ZooKeeper request): split larger batches
     */
    CompletableFuture<Void> createAllAsync(java.util.Map<String, byte[]> records);

    /** Asynchronous {@link #read(String)}. */
    CompletableFuture<Optional<Versioned>> readAsync(String path);

    /** Asynchronous {@link #children(String)}. */
    CompletableFuture<List<String>> childrenAsync(String path);

    /** Asynchronous {@link #create(String, byte[])}. */
    CompletableFuture<Integer> createAsync(String path, byte[] data);

    /** Asynchronous {@link #update(String, byte[], int)}. */
    CompletableFuture<Integer> updateAsync(String path, byte[] data, int expectedVersion);

    /** Asynchronous {@link #delete(String, int)}. */
    CompletableFuture<Void> deleteAsync(String path, int expectedVersion);

    /** Asynchronous {@link #put(String, byte[])}. */
    CompletableFuture<Integer> putAsync(String path, byte[] data);

    /**
     * Returns a view of this store whose writes only succeed while {@code epoch} is the current leadership epoch.
     *
     * <p>The view shares the connection with this store; binding is cheap and does not contact ZooKeeper.
     */
    StateStore fencedBy(Epoch epoch);

    /** Returns the epoch this store is bound to, or empty for an unfenced store. */
    Optional<Epoch> epoch();
}
