package io.strata.kubernetes.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Stores Kubernetes objects as JSON trees with upstream's concurrency semantics: every write gets a new,
 * store-wide increasing revision that becomes the object's {@code metadata.resourceVersion}; updates and deletes
 * may name the revision they expect and fail with {@link StoreFailure.Reason#CONFLICT} when it is stale.
 *
 * <p>Objects returned are private copies the caller may change. Objects passed in are copied; their
 * {@code metadata.resourceVersion} is ignored (use the {@code expectedRevision} arguments). All methods throw
 * {@link StoreFailure} for expected failures.
 */
public interface ObjectStore extends AutoCloseable {

    /** The object at {@code key}, if it exists. */
    Optional<ObjectNode> get(ObjectKey key);

    /**
     * Lists the objects of a resource in key order, optionally within one namespace ({@code null} for all),
     * matching {@code filter}, at most {@code limit} of them (0 = no limit), continuing after a token from a
     * previous page ({@code ""} to start).
     */
    ListPage list(String resource, String namespace, Predicate<ObjectNode> filter, int limit, String continueToken);

    /**
     * The object at {@code key} without copying: the store's own object, which must not be changed. For reads
     * that only serialize the object (a GET's response); a copy per request is most of a GET's garbage.
     */
    default Optional<ObjectNode> read(ObjectKey key) {
        return get(key);
    }

    /**
     * {@link #list} without copying the items: they are the store's own objects and must not be changed. For
     * lists that only serialize their items (a LIST's response).
     */
    default ListPage listShared(String resource, String namespace, Predicate<ObjectNode> filter, int limit,
            String continueToken) {
        return list(resource, namespace, filter, limit, continueToken);
    }

    /**
     * Calls {@code visitor} with every object of a resource (optionally one namespace) without copying: the
     * objects are the store's own and must not be changed. For controllers that scan everything often.
     */
    void scan(String resource, String namespace, java.util.function.Consumer<ObjectNode> visitor);

    /** Creates the object; fails with {@code ALREADY_EXISTS}. Returns the stored object with its revision. */
    ObjectNode create(ObjectKey key, ObjectNode object);

    /**
     * Replaces the object; fails with {@code NOT_FOUND}, or {@code CONFLICT} when {@code expectedRevision} is
     * not 0 and not the current revision. Returns the stored object with its new revision.
     */
    ObjectNode update(ObjectKey key, long expectedRevision, ObjectNode object);

    /**
     * Deletes the object; fails with {@code NOT_FOUND}, or {@code CONFLICT} when {@code expectedRevision} is not
     * 0 and not the current revision. Returns the last state with the revision of the deletion.
     */
    ObjectNode delete(ObjectKey key, long expectedRevision);

    /**
     * Watches a resource (optionally one namespace, {@code null} for all). With {@code fromRevision} 0 the
     * listener first gets an {@code ADDED} event for every current object, then live events; otherwise it gets
     * every event after {@code fromRevision}, or {@code EXPIRED} when those have left the window.
     */
    Watch watch(String resource, String namespace, long fromRevision, WatchListener listener);

    /** The revision of the latest committed write. */
    long revision();

    /** Releases the store; the ZooKeeper client is closed by its owner. */
    @Override
    void close();
}
