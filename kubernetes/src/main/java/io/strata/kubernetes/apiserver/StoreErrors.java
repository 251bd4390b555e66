package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.resources.ResourceType;
import io.strata.kubernetes.store.StoreFailure;
import io.strata.kubernetes.store.ZkObjectStore;
import java.util.function.Supplier;

/** Runs a store write and turns its {@link StoreFailure} into the API's Status error for the object. */
final class StoreErrors {

    private StoreErrors() {
    }

    /** The result of {@code op}; 404, 409 (exists or modified), 410, 413 or 500 as the store's failure says. */
    static ObjectNode call(ResourceType type, String name, Supplier<ObjectNode> op) {
        try {
            return op.get();
        } catch (StoreFailure e) {
            throw switch (e.reason()) {
                case NOT_FOUND -> ApiError.notFound(type, name);
                case ALREADY_EXISTS -> ApiError.alreadyExists(type, name);
                case CONFLICT -> ApiError.conflict(type, name, ApiError.MODIFIED);
                case EXPIRED -> ApiError.expired(e.getMessage());
                case TOO_LARGE -> ApiError.tooLarge(ZkObjectStore.MAX_OBJECT_BYTES);
                case UNAVAILABLE -> ApiError.internal(e.getMessage());
            };
        }
    }
}
