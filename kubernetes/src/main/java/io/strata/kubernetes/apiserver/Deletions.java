package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.resources.ObjectRules;
import io.strata.kubernetes.resources.ResourceType;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The DELETE verb with upstream's semantics: preconditions, dryRun, propagation (Orphan strips the owner from its
 * dependents; Foreground and finalizers mark the object with deletionTimestamp and keep it), graceful deletion of
 * pods bound to a node (marked for their node to stop them), namespaces entering Terminating, and the final removal
 * (retried over racing writes, as upstream's guaranteed update).
 *
 * <p>Thread-safe (state lives in the store).
 */
final class Deletions {
    private static final int RETRIES = 8;

    private final ResourceService service;
    private final InstantSource clock;
    private final Supplier<Runnable> onDelete;

    /** Deletions through {@code service}; {@code onDelete} gives the hook run after every deletion request. */
    Deletions(ResourceService service, InstantSource clock, Supplier<Runnable> onDelete) {
        this.service = service;
        this.clock = clock;
        this.onDelete = onDelete;
    }

    /** See {@link ResourceService#delete(ResourceType, String, String, String, long, boolean, long)}. */
    ResourceService.DeleteResult delete(ResourceType type, String namespace, String name, String propagation,
            long expectedRevision, boolean dryRun, long gracePeriodSeconds) {
        ObjectNode old = service.get(type, namespace, name);
        if (expectedRevision != 0
                && expectedRevision != Long.parseLong(old.path("metadata").path("resourceVersion").asText())) {
            throw ApiError.conflict(type, name, "the ResourceVersion in the precondition ("
                    + expectedRevision + ") does not match the ResourceVersion in record ("
                    + old.path("metadata").path("resourceVersion").asText() + "). The object might have been modified");
        }
        if (dryRun) {
            return new ResourceService.DeleteResult(old, true);
        }
        String policy = propagation == null || propagation.isEmpty() ? "Background" : propagation;
        JsonNode meta = old.path("metadata");
        if (policy.equals("Orphan")) {
            orphanDependents(meta.path("uid").asText());
        }
        if (type.kind().equals("Pod") && !old.path("spec").path("nodeName").asText("").isEmpty()) {
            long grace = gracePeriodSeconds >= 0 ? gracePeriodSeconds
                    : old.path("spec").path("terminationGracePeriodSeconds").asLong(30);
            if (grace > 0) {
                return markPod(type, namespace, name, old, grace);
            }
            if (meta.path("finalizers").isEmpty()) {
                return new ResourceService.DeleteResult(deleteNow(type, namespace, name), true);
            }
        }
        if (meta.has("deletionTimestamp")) {
            return new ResourceService.DeleteResult(old, false);
        }
        boolean foreground = policy.equals("Foreground");
        boolean isNamespace = type.kind().equals("Namespace");
        if (!meta.path("finalizers").isEmpty() || foreground || isNamespace) {
            ObjectNode marked = service.modify(type, namespace, name, o -> {
                ObjectNode m = ObjectRules.obj(o, "metadata");
                m.put("deletionTimestamp", service.now());
                m.put("deletionGracePeriodSeconds", 0);
                if (foreground) {
                    ArrayNode fin = ObjectRules.array(m, "finalizers");
                    fin.add(ResourceService.FOREGROUND);
                }
                if (isNamespace) {
                    ObjectRules.obj(o, "status").put("phase", "Terminating");
                }
                return o;
            });
            onDelete.get().run();
            return new ResourceService.DeleteResult(marked, false);
        }
        return new ResourceService.DeleteResult(deleteNow(type, namespace, name), true);
    }

    /** A bound pod deleted with grace: deletionTimestamp = now + grace (unless an earlier one is already set). */
    private ResourceService.DeleteResult markPod(ResourceType type, String namespace, String name, ObjectNode old,
            long grace) {
        JsonNode meta = old.path("metadata");
        if (meta.has("deletionTimestamp") && meta.path("deletionGracePeriodSeconds").asLong() <= grace) {
            return new ResourceService.DeleteResult(old, false);
        }
        String at = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(grace).toString();
        ObjectNode marked = service.modify(type, namespace, name, o -> {
            ObjectNode m = ObjectRules.obj(o, "metadata");
            m.put("deletionTimestamp", at);
            m.put("deletionGracePeriodSeconds", grace);
            return o;
        });
        return new ResourceService.DeleteResult(marked, false);
    }

    /**
     * Removes the object from the store. The caller has checked any precondition, so a write that lands between
     * (a status update racing the delete) is no reason to refuse: the delete is retried as upstream retries its
     * guaranteed update, instead of answering 409.
     */
    ObjectNode deleteNow(ResourceType type, String namespace, String name) {
        for (int attempt = 0; ; attempt++) {
            try {
                ObjectNode last = StoreErrors.call(type, name,
                        () -> service.store().delete(ResourceService.key(type, namespace, name), 0));
                onDelete.get().run();
                return last;
            } catch (ApiError e) {
                if (e.code() != 409 || attempt >= RETRIES) {
                    throw e;
                }
            }
        }
    }

    private void orphanDependents(String ownerUid) {
        for (ResourceType t : service.catalog().all()) {
            List<JsonNode> owned = new ArrayList<>();
            service.store().scan(t.storeKey(), null, x -> {
                if (ResourceService.ownedBy(x, ownerUid)) {
                    owned.add(x);
                }
            });
            for (JsonNode o : owned) {
                JsonNode m = o.path("metadata");
                try {
                    service.modify(t, m.path("namespace").asText(""), m.path("name").asText(),
                            x -> withoutOwner(x, ownerUid));
                } catch (ApiError e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
        }
    }

    private static ObjectNode withoutOwner(ObjectNode x, String ownerUid) {
        ArrayNode refs = ObjectRules.array(ObjectRules.obj(x, "metadata"), "ownerReferences");
        for (int i = refs.size() - 1; i >= 0; i--) {
            if (refs.get(i).path("uid").asText().equals(ownerUid)) {
                refs.remove(i);
            }
        }
        if (refs.isEmpty()) {
            ((ObjectNode) x.get("metadata")).remove("ownerReferences");
        }
        return x;
    }
}
