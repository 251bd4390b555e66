package io.strata.kubernetes.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One object write waiting for the ZooKeeper transaction that carries it: what to write ({@code json} for creates
 * and updates, the znode version to expect for updates and deletes) and what to do once it is committed.
 *
 * <p>{@code onCommit} runs on the ZooKeeper event thread, in commit order, with the write's revision and the
 * znode's new version; its result completes {@link #done()}.
 */
final class PendingWrite {

    /** The three kinds of write an object store makes. */
    enum Kind { CREATE, UPDATE, DELETE }

    /** Applies a committed write (cache, event window, watchers) and returns the object handed to the caller. */
    @FunctionalInterface
    interface OnCommit {
        /** Called once with the write's revision and the znode's version after it (0 for creates and deletes). */
        ObjectNode committed(long revision, int zkVersion);
    }

    private final Kind kind;
    private final ObjectKey key;
    private final String path;
    private final byte[] json;
    private final int expectedZkVersion;
    private final OnCommit onCommit;
    private final CompletableFuture<ObjectNode> done = new CompletableFuture<>();
    // set on the event thread after failed multis; read under the batcher's lock
    private boolean alone;
    private int failedMultis;

    PendingWrite(Kind kind, ObjectKey key, String path, byte[] json, int expectedZkVersion, OnCommit onCommit) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.key = Objects.requireNonNull(key, "key");
        this.path = Objects.requireNonNull(path, "path");
        this.json = kind == Kind.DELETE ? new byte[0] : Objects.requireNonNull(json, "json");
        this.expectedZkVersion = expectedZkVersion;
        this.onCommit = Objects.requireNonNull(onCommit, "onCommit");
    }

    Kind kind() {
        return kind;
    }

    ObjectKey key() {
        return key;
    }

    String path() {
        return path;
    }

    byte[] json() {
        return json;
    }

    int expectedZkVersion() {
        return expectedZkVersion;
    }

    /** Bytes this write adds to a transaction (data plus path; what counts towards ZooKeeper's packet limit). */
    int bytes() {
        return json.length + path.length() + 32;
    }

    CompletableFuture<ObjectNode> done() {
        return done;
    }

    boolean alone() {
        return alone;
    }

    void sendAlone() {
        alone = true;
    }

    /**
     * Records that a multi carrying this write failed because of another write; after two such multis the write
     * goes alone, so a burst of failing writes costs each at most two shared round trips, not one per failure.
     */
    void failedWithOthers() {
        if (++failedMultis >= 2) {
            alone = true;
        }
    }

    /** Applies the commit; a failure while applying fails the caller's call instead of the event thread. */
    void commit(long revision, int zkVersion) {
        try {
            done.complete(onCommit.committed(revision, zkVersion));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    void fail(StoreFailure failure) {
        done.completeExceptionally(failure);
    }
}
