package io.strata.kubernetes.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One committed change: the object after the change (its last state for {@code DELETED}), with
 * {@code metadata.resourceVersion} equal to {@code revision}. Objects handed out are shared: callers copy before
 * mutating. {@code previous} is the state before a {@code MODIFIED} change (null otherwise), so watchers with
 * selectors can turn an object leaving their selection into {@code DELETED} and one entering it into
 * {@code ADDED}, as upstream's watch cache does.
 */
public record StoreEvent(Type type, ObjectKey key, ObjectNode object, long revision, ObjectNode previous) {

    /** The watch event types a store produces. */
    public enum Type { ADDED, MODIFIED, DELETED }

    /** An event without a previous state. */
    public StoreEvent(Type type, ObjectKey key, ObjectNode object, long revision) {
        this(type, key, object, revision, null);
    }

    /** Validates that all parts are present and the revision is positive. */
    public StoreEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(object, "object");
        if (revision <= 0) {
            throw new IllegalArgumentException("revision must be positive: " + revision);
        }
    }
}
