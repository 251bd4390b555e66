package io.strata.kubernetes.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.resources.ResourceType;
import java.util.Objects;

/** One change a reconciler wants made; an {@link Applier} performs it. */
public sealed interface Intent {

    /** The resource type the intent acts on. */
    ResourceType type();

    /** The namespace of the object. */
    String namespace();

    /** Creates {@code body} (which may use generateName). */
    record Create(ResourceType type, String namespace, ObjectNode body) implements Intent {
        /** Validates that all parts are present. */
        public Create {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * Replaces an object (or its status when {@code status}) with {@code object}, whose
     * {@code metadata.resourceVersion} is the precondition: a stale view fails with a conflict and is retried.
     */
    record Update(ResourceType type, String namespace, String name, boolean status, ObjectNode object)
            implements Intent {
        /** Validates that all parts are present. */
        public Update {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(object, "object");
        }
    }

    /** Deletes an object with Background propagation and a grace period in seconds (-1 = the object's own). */
    record Delete(ResourceType type, String namespace, String name, long graceSeconds) implements Intent {
        /** Validates that all parts are present. */
        public Delete {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
        }
    }
}
