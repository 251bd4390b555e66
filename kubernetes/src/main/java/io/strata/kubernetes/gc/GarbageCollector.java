package io.strata.kubernetes.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.apiserver.ApiError;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.resources.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream's garbage collector and namespace controller in one loop. Each pass reads every object once, then:
 * deletes objects whose every owner is gone (Background propagation), deletes the dependents of owners marked
 * with the {@code foregroundDeletion} finalizer and removes that finalizer when none are left, and deletes the
 * contents of terminating namespaces before removing the {@code kubernetes} finalizer and the namespace itself.
 * A pass runs after every deletion and at least every {@code period}.
 */
public final class GarbageCollector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    private final ResourceService service;
    private final long periodMillis;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread thread;

    private record Item(ResourceType type, ObjectNode object) {
        String namespace() {
            return object.path("metadata").path("namespace").asText("");
        }

        String name() {
            return object.path("metadata").path("name").asText();
        }

        String uid() {
            return object.path("metadata").path("uid").asText();
        }
    }

    /** Starts the loop over {@code service}, passing at least every {@code periodMillis}. */
    public GarbageCollector(ResourceService service, long periodMillis) {
        this.service = service;
        this.periodMillis = periodMillis;
        service.onDelete(this::wakeUp);
        this.thread = Thread.ofVirtual().name("k8s-garbage-collector").start(this::loop);
    }

    /** Asks for a pass soon. */
    public void wakeUp() {
        wake.release();
    }

    private void loop() {
        while (!closed.get()) {
            try {
                wake.tryAcquire(periodMillis, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                if (!closed.get()) {
                    pass();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("garbage collection pass failed: {}", e.toString());
            }
        }
    }

    /** One pass over all objects; returns how many deletions or finalizations it made. */
    public int pass() {
        List<Item> all = new ArrayList<>();
        for (ResourceType t : service.catalog().all()) {
            service.store().scan(t.storeKey(), null, o -> all.add(new Item(t, o)));
        }
        Map<String, Item> byUid = new HashMap<>();
        Map<String, List<Item>> dependents = new HashMap<>();
        Set<String> terminatingNamespaces = new HashSet<>();
        for (Item i : all) {
            byUid.put(i.uid(), i);
            for (JsonNode ref : i.object().path("metadata").path("ownerReferences")) {
                dependents.computeIfAbsent(ref.path("uid").asText(), k -> new ArrayList<>()).add(i);
            }
            if (i.type().kind().equals("Namespace") && i.object().path("metadata").has("deletionTimestamp")) {
                terminatingNamespaces.add(i.name());
            }
        }
        int changes = 0;
        for (Item i : all) {
            JsonNode refs = i.object().path("metadata").path("ownerReferences");
            if (!refs.isEmpty() && allOwnersGone(refs, byUid)) {
                changes += delete(i, "Background");
            } else if (!refs.isEmpty() && ownerInForeground(refs, byUid)) {
                changes += delete(i, "Background");
            }
            if (hasFinalizer(i.object(), ResourceService.FOREGROUND)
                    && dependents.getOrDefault(i.uid(), List.of()).isEmpty()) {
                changes += removeFinalizer(i, ResourceService.FOREGROUND);
            }
            if (i.type().namespaced() && terminatingNamespaces.contains(i.namespace())) {
                changes += delete(i, "Background");
            }
        }
        for (String ns : terminatingNamespaces) {
            boolean empty = all.stream().noneMatch(i -> i.type().namespaced() && i.namespace().equals(ns));
            if (empty) {
                changes += finalizeNamespace(byUidName(all, ns));
            }
        }
        return changes;
    }

    private static Item byUidName(List<Item> all, String namespace) {
        return all.stream().filter(i -> i.type().kind().equals("Namespace") && i.name().equals(namespace))
                .findFirst().orElseThrow();
    }

    private static boolean allOwnersGone(JsonNode refs, Map<String, Item> byUid) {
        for (JsonNode ref : refs) {
            if (byUid.containsKey(ref.path("uid").asText())) {
                return false;
            }
        }
        return true;
    }

    private static boolean ownerInForeground(JsonNode refs, Map<String, Item> byUid) {
        for (JsonNode ref : refs) {
            Item owner = byUid.get(ref.path("uid").asText());
            if (owner != null && hasFinalizer(owner.object(), ResourceService.FOREGROUND)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasFinalizer(JsonNode o, String finalizer) {
        for (JsonNode f : o.path("metadata").path("finalizers")) {
            if (f.asText().equals(finalizer)) {
                return true;
            }
        }
        return false;
    }

    private int delete(Item i, String policy) {
        if (i.object().path("metadata").has("deletionTimestamp")) {
            return 0;
        }
        try {
            service.delete(i.type(), i.namespace(), i.name(), policy, 0, false);
            return 1;
        } catch (ApiError e) {
            return 0;
        }
    }

    private int removeFinalizer(Item i, String finalizer) {
        try {
            ObjectNode updated = service.modify(i.type(), i.namespace(), i.name(), o -> {
                ArrayNode f = (ArrayNode) o.path("metadata").path("finalizers");
                for (int k = f.size() - 1; k >= 0; k--) {
                    if (f.get(k).asText().equals(finalizer)) {
                        f.remove(k);
                    }
                }
                return o;
            });
            if (updated.path("metadata").path("finalizers").isEmpty()) {
                service.store().delete(ResourceService.key(i.type(), i.namespace(), i.name()), 0);
            }
            return 1;
        } catch (ApiError | io.strata.kubernetes.store.StoreFailure e) {
            return 0;
        }
    }

    private int finalizeNamespace(Item ns) {
        try {
            ObjectNode updated = service.modify(ns.type(), "", ns.name(), o -> {
                ((ObjectNode) o.path("spec")).remove("finalizers");
                return o;
            });
            if (updated.path("metadata").path("finalizers").isEmpty()) {
                service.store().delete(ResourceService.key(ns.type(), "", ns.name()), 0);
            }
            return 1;
        } catch (ApiError | io.strata.kubernetes.store.StoreFailure e) {
            return 0;
        }
    }

    /** Stops the loop. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            thread.interrupt();
        }
    }
}
