package io.strata.kubernetes.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One committed change: the object after the change (its last state for {@code DELETED}), with
 * {@code metadata.resourceVersion} equal to {@code revision}. Objects handed out are shared: callers copy before
 * mutating.
 */
public record StoreEvent(Type type, ObjectKey key, ObjectNode object, long revision) {

    /** The watch event types a store produces. */
    public enum Type { ADDED, MODIFIED, DELETED }

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
