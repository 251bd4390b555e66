package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.patch.FieldSets;
import io.strata.kubernetes.patch.JsonPatch;
import io.strata.kubernetes.patch.MergePatch;
import io.strata.kubernetes.patch.PatchException;
import io.strata.kubernetes.patch.StrategicMergePatch;
import io.strata.kubernetes.resources.FieldError;
import io.strata.kubernetes.resources.ObjectRules;
import io.strata.kubernetes.resources.ResourceCatalog;
import io.strata.kubernetes.resources.ResourceType;
import io.strata.kubernetes.selector.LabelSelector;
import io.strata.kubernetes.store.ObjectKey;
import io.strata.kubernetes.store.ObjectStore;
import io.strata.kubernetes.store.StoreFailure;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The verbs of the API on top of an {@link ObjectStore}: create, update, patch, delete and the scale
 * subresource, with upstream's metadata handling (uid, creationTimestamp, generation, generateName,
 * managedFields), defaults, validation and Status errors. Controllers use it as the apiserver's internal client.
 */
public final class ResourceService {

    /** The finalizer that keeps an owner until its dependents are gone (propagationPolicy Foreground). */
    public static final String FOREGROUND = "foregroundDeletion";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
    private static final Set<String> GENERATION_KINDS = Set.of("Deployment", "ReplicaSet", "Job", "CronJob",
            "EndpointSlice");
    private static final int PATCH_RETRIES = 8;

    private final ObjectStore store;
    private final ResourceCatalog catalog;
    private final InstantSource clock;
    private final Supplier<UUID> uids;
    private final RandomGenerator random;
    private final ClusterIpAllocator clusterIps;
    private final Object ipLock = new Object();
    private volatile Runnable onDelete = () -> { };

    /** A service over {@code store}; time, uids and name suffixes come from the given sources. */
    public ResourceService(ObjectStore store, ResourceCatalog catalog, InstantSource clock, Supplier<UUID> uids,
            RandomGenerator random, ClusterIpAllocator clusterIps) {
        this.store = Objects.requireNonNull(store, "store");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.uids = Objects.requireNonNull(uids, "uids");
        this.random = Objects.requireNonNull(random, "random");
        this.clusterIps = Objects.requireNonNull(clusterIps, "clusterIps");
    }

    /** Called after every deletion request so the garbage collector can look for dependents soon. */
    public void onDelete(Runnable hook) {
        this.onDelete = Objects.requireNonNull(hook, "hook");
    }

    /** The store underneath. */
    public ObjectStore store() {
        return store;
    }

    /** The catalog served. */
    public ResourceCatalog catalog() {
        return catalog;
    }

    /** The current time, truncated to seconds as Kubernetes timestamps are. */
    public String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The instant of the clock. */
    public Instant instant() {
        return clock.instant();
    }

    /** Reads one object or fails with 404. */
    public ObjectNode get(ResourceType type, String namespace, String name) {
        return store.get(key(type, namespace, name)).orElseThrow(() -> ApiError.notFound(type, name));
    }

    /** The store key of an object. */
    public static ObjectKey key(ResourceType type, String namespace, String name) {
        return new ObjectKey(type.storeKey(), type.namespaced() ? namespace : "", name);
    }

    /** Creates an object from a request body, as {@code POST} does. */
    public ObjectNode create(ResourceType type, String namespace, ObjectNode body, RequestOptions options) {
        return create(type, namespace, body, options, "Update");
    }

    private ObjectNode create(ResourceType type, String namespace, ObjectNode body, RequestOptions options,
            String operation) {
        ObjectNode o = body.deepCopy();
        checkTypeMeta(type, o);
        ObjectNode meta = ObjectRules.obj(o, "metadata");
        String ns = checkNamespace(type, namespace, meta);
        String name = meta.path("name").asText("");
        if (name.isEmpty() && !meta.path("generateName").asText("").isEmpty()) {
            name = meta.path("generateName").asText() + suffix();
            meta.put("name", name);
        }
        List<FieldError> nameErrors = ObjectRules.validateName(type, name);
        if (!nameErrors.isEmpty()) {
            throw ApiError.invalid(type, name, nameErrors);
        }
        if (type.namespaced()) {
            requireLiveNamespace(type, ns, name);
        }
        for (String f : List.of("uid", "resourceVersion", "creationTimestamp", "deletionTimestamp",
                "deletionGracePeriodSeconds", "generation", "selfLink")) {
            meta.remove(f);
        }
        meta.put("uid", uids.get().toString());
        meta.put("creationTimestamp", now());
        if (GENERATION_KINDS.contains(type.kind())) {
            meta.put("generation", 1);
        }
        ObjectRules.prepareCreate(type, o);
        ObjectRules.applyDefaults(type, o);
        List<FieldError> errors = ObjectRules.validate(type, o);
        if (!errors.isEmpty()) {
            throw ApiError.invalid(type, name, errors);
        }
        recordManager(o, options.fieldManager(), operation, body);
        if (type.kind().equals("Service")) {
            allocateClusterIp(type, o);
        }
        if (options.dryRun()) {
            return o;
        }
        boolean generated = body.path("metadata").path("name").asText("").isEmpty();
        ObjectNode stored = null;
        // like upstream's RetryGenerateName: a generated name that collides is drawn again, up to 7 more times
        for (int attempt = 0; stored == null; attempt++) {
            String finalName = name;
            try {
                stored = write(type, name, () -> store.create(key(type, ns, finalName), o));
            } catch (ApiError e) {
                if (e.code() != 409 || !generated || attempt >= 7) {
                    throw e;
                }
                name = meta.path("generateName").asText() + suffix();
                meta.put("name", name);
            }
        }
        if (type.kind().equals("Namespace")) {
            ensureDefaultServiceAccount(name);
        }
        return stored;
    }

    private void ensureDefaultServiceAccount(String namespace) {
        ResourceType sa = catalog.find("v1", "serviceaccounts").orElseThrow();
        if (store.get(key(sa, namespace, "default")).isPresent()) {
            return;
        }
        ObjectNode account = F.objectNode();
        account.put("apiVersion", "v1").put("kind", "ServiceAccount");
        account.putObject("metadata").put("name", "default").put("namespace", namespace);
        try {
            create(sa, namespace, account, RequestOptions.of("kube-controller-manager"));
        } catch (ApiError e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }

    private void allocateClusterIp(ResourceType type, ObjectNode o) {
        ObjectNode spec = ObjectRules.obj(o, "spec");
        if (spec.path("type").asText().equals("ExternalName")) {
            return;
        }
        String requested = spec.path("clusterIP").asText("");
        if (requested.equals("None")) {
            spec.putArray("clusterIPs").add("None");
            return;
        }
        synchronized (ipLock) {
            Set<String> used = new HashSet<>();
            store.scan(type.storeKey(), null, s -> used.add(s.path("spec").path("clusterIP").asText()));
            String name = o.path("metadata").path("name").asText();
            if (!requested.isEmpty()) {
                if (!clusterIps.contains(requested)) {
                    throw ApiError.invalid(type, name, List.of(FieldError.invalid("spec.clusterIPs", requested,
                            "failed to allocate IP " + requested + ": the provided IP (" + requested
                                    + ") is not in the valid range. The range of valid IPs is " + clusterIps.cidr())));
                }
                if (used.contains(requested)) {
                    throw ApiError.invalid(type, name, List.of(FieldError.invalid("spec.clusterIPs", requested,
                            "failed to allocate IP " + requested + ": provided IP is already allocated")));
                }
            } else {
                requested = clusterIps.allocate(used);
                if (requested == null) {
                    throw ApiError.internal("failed to allocate a serviceIP: range is full");
                }
            }
            spec.put("clusterIP", requested);
            spec.putArray("clusterIPs").add(requested);
            Set<Integer> nodePorts = new HashSet<>();
            store.scan(type.storeKey(), null, s -> NodePorts.collect(s, nodePorts));
            if (NodePorts.wanted(spec) && !NodePorts.allocate(spec, nodePorts)) {
                throw ApiError.internal("failed to allocate a nodePort: range is full");
            }
        }
    }

    private String suffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return s.toString();
    }

    private void checkTypeMeta(ResourceType type, ObjectNode o) {
        String apiVersion = o.path("apiVersion").asText("");
        String kind = o.path("kind").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw ApiError.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw ApiError.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": the kind in the data (" + kind + ") does not match the expected kind ("
                    + type.kind() + ")");
        }
        ObjectNode fixed = F.objectNode();
        fixed.put("apiVersion", type.apiVersion());
        fixed.put("kind", type.kind());
        o.remove("apiVersion");
        o.remove("kind");
        fixed.setAll(o);
        o.removeAll();
        o.setAll(fixed);
    }

    private String checkNamespace(ResourceType type, String namespace, ObjectNode meta) {
        if (!type.namespaced()) {
            meta.remove("namespace");
            return "";
        }
        String inBody = meta.path("namespace").asText("");
        if (!inBody.isEmpty() && !inBody.equals(namespace)) {
            throw ApiError.badRequest("the namespace of the provided object does not match the namespace sent on "
                    + "the request");
        }
        meta.put("namespace", namespace);
        return namespace;
    }

    private void requireLiveNamespace(ResourceType type, String namespace, String name) {
        ResourceType ns = catalog.find("v1", "namespaces").orElseThrow();
        ObjectNode n = store.get(key(ns, "", namespace)).orElseThrow(() -> ApiError.notFound(ns, namespace));
        if (n.path("metadata").has("deletionTimestamp")) {
            throw ApiError.forbidden(type, name, "unable to create new content in namespace " + namespace
                    + " because it is being terminated");
        }
    }

    /** Replaces an object ({@code PUT}); {@code subresource} is "" or {@code status}. */
    public ObjectNode update(ResourceType type, String namespace, String name, String subresource, ObjectNode body,
            RequestOptions options) {
        ObjectNode o = body.deepCopy();
        checkTypeMeta(type, o);
        ObjectNode meta = ObjectRules.obj(o, "metadata");
        checkNamespace(type, namespace, meta);
        if (!meta.path("name").asText(name).equals(name)) {
            throw ApiError.badRequest("the name of the object (" + meta.path("name").asText()
                    + ") does not match the name on the URL (" + name + ")");
        }
        meta.put("name", name);
        long expected = revisionOf(type, name, meta);
        ObjectNode old = get(type, namespace, name);
        return commitUpdate(type, namespace, name, subresource, old, o, expected, options, body);
    }

    static long revisionOf(ResourceType type, String name, JsonNode meta) {
        String rv = meta.path("resourceVersion").asText("");
        if (rv.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(rv);
        } catch (NumberFormatException e) {
            throw ApiError.invalid(type, name, List.of(FieldError.invalid("metadata.resourceVersion", rv,
                    "must be a valid resource version")));
        }
    }

    /**
     * Writes {@code proposed} over {@code old} with the update rules (kept metadata, status subresource
     * separation, generation, validation, managedFields unless {@code managedBody} is null).
     */
    ObjectNode commitUpdate(ResourceType type, String namespace, String name, String subresource,
            ObjectNode old, ObjectNode proposed, long expected, RequestOptions options, JsonNode managedBody) {
        ObjectNode o = proposed;
        ObjectNode meta = ObjectRules.obj(o, "metadata");
        JsonNode oldMeta = old.path("metadata");
        for (String f : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
                "generation")) {
            meta.remove(f);
            if (oldMeta.has(f)) {
                meta.set(f, oldMeta.get(f).deepCopy());
            }
        }
        if (!meta.has("managedFields") && oldMeta.has("managedFields")) {
            meta.set("managedFields", oldMeta.get("managedFields").deepCopy());
        }
        boolean statusOnly = "status".equals(subresource);
        boolean hasStatusSubresource = type.subresources().contains("status");
        if (statusOnly) {
            ObjectNode next = old.deepCopy();
            if (o.has("status")) {
                next.set("status", o.get("status"));
            }
            ObjectRules.obj(next, "metadata").set("resourceVersion", meta.get("resourceVersion"));
            o = next;
            meta = ObjectRules.obj(o, "metadata");
        } else if (hasStatusSubresource) {
            o.remove("status");
            if (old.has("status")) {
                o.set("status", old.get("status").deepCopy());
            }
        }
        ObjectRules.applyDefaults(type, o);
        if (type.kind().equals("Service")) {
            ObjectNode spec = ObjectRules.obj(o, "spec");
            if (!spec.has("clusterIP") && old.path("spec").has("clusterIP")) {
                spec.set("clusterIP", old.path("spec").get("clusterIP").deepCopy());
                spec.set("clusterIPs", old.path("spec").path("clusterIPs").deepCopy());
            } else if (!spec.path("clusterIP").equals(old.path("spec").path("clusterIP"))) {
                throw ApiError.invalid(type, name, List.of(FieldError.invalid("spec.clusterIPs[0]",
                        spec.path("clusterIP").asText(), "may not change once set")));
            }
            NodePorts.keep(spec, old.path("spec"));
        }
        if (GENERATION_KINDS.contains(type.kind()) && !o.path("spec").equals(old.path("spec"))) {
            meta.put("generation", oldMeta.path("generation").asLong(1) + 1);
        }
        List<FieldError> errors = ObjectRules.validate(type, o);
        if (!errors.isEmpty()) {
            throw ApiError.invalid(type, name, errors);
        }
        // a request that rewrites managedFields itself (kubectl's SSA migration) is taken as given
        if (managedBody != null && java.util.Objects.equals(meta.get("managedFields"), oldMeta.get("managedFields"))) {
            recordManager(o, options.fieldManager(), "Update", managedBody);
        }
        if (options.dryRun()) {
            return o;
        }
        if (meta.has("deletionTimestamp") && meta.path("finalizers").isEmpty()) {
            ObjectNode finalO = o;
            ObjectNode updated = write(type, name, () -> store.update(key(type, namespace, name), expected, finalO));
            deleteNow(type, namespace, name);
            return updated;
        }
        ObjectNode finalO = o;
        return write(type, name, () -> store.update(key(type, namespace, name), expected, finalO));
    }

    /** Applies a patch ({@code PATCH}) of the given content type; server-side apply creates when absent. */
    public ObjectNode patch(ResourceType type, String namespace, String name, String subresource, String patchType,
            JsonNode patch, RequestOptions options, boolean[] created) {
        for (int attempt = 0; ; attempt++) {
            Optional<ObjectNode> current = store.get(key(type, namespace, name));
            if (current.isEmpty()) {
                if (patchType.equals("apply") && subresource.isEmpty()) {
                    ObjectNode body = (ObjectNode) patch.deepCopy();
                    ObjectRules.obj(body, "metadata").put("name", name);
                    created[0] = true;
                    return create(type, namespace, body, options, "Apply");
                }
                throw ApiError.notFound(type, name);
            }
            ObjectNode old = current.get();
            String oldRv = old.path("metadata").path("resourceVersion").asText();
            ObjectNode patched;
            try {
                patched = switch (patchType) {
                    case "json" -> (ObjectNode) JsonPatch.apply(old, patch);
                    case "merge" -> (ObjectNode) MergePatch.apply(old, patch);
                    case "strategic", "apply" -> (ObjectNode) StrategicMergePatch.apply(old, patch);
                    default -> throw new IllegalArgumentException("unknown patch type " + patchType);
                };
            } catch (PatchException | ClassCastException e) {
                throw ApiError.badRequest(e.getMessage());
            }
            String patchedRv = patched.path("metadata").path("resourceVersion").asText("");
            long expected = Long.parseLong(oldRv);
            if (!patchedRv.isEmpty() && !patchedRv.equals(oldRv)) {
                throw ApiError.conflict(type, name, ApiError.MODIFIED);
            }
            if (patchType.equals("apply")) {
                dropUnapplied(patched, old, options.fieldManager(), patch);
                replaceManager(patched, options.fieldManager(), "Apply", patch);
            }
            try {
                return commitUpdate(type, namespace, name, subresource, old, patched, expected, options,
                        patchType.equals("apply") ? null : patch);
            } catch (ApiError e) {
                if (e.code() != 409 || attempt >= PATCH_RETRIES || !patch.path("metadata").path("resourceVersion").isMissingNode()) {
                    throw e;
                }
            }
        }
    }

    /** Reads, changes and writes an object, retrying on conflicts: the internal client's update. */
    public ObjectNode modify(ResourceType type, String namespace, String name, UnaryOperator<ObjectNode> change) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode old = get(type, namespace, name);
            long expected = Long.parseLong(old.path("metadata").path("resourceVersion").asText());
            ObjectNode next = change.apply(old.deepCopy());
            try {
                return write(type, name, () -> store.update(key(type, namespace, name), expected, next));
            } catch (ApiError e) {
                if (e.code() != 409 || attempt >= PATCH_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private void recordManager(ObjectNode o, String manager, String operation, JsonNode body) {
        ObjectNode meta = ObjectRules.obj(o, "metadata");
        ArrayNode fields = ObjectRules.array(meta, "managedFields");
        for (int i = 0; i < fields.size(); i++) {
            JsonNode f = fields.get(i);
            if (f.path("manager").asText().equals(manager) && f.path("operation").asText().equals(operation)) {
                fields.remove(i);
                break;
            }
        }
        ObjectNode entry = fields.addObject();
        entry.put("manager", manager);
        entry.put("operation", operation);
        entry.put("apiVersion", o.path("apiVersion").asText());
        entry.put("time", now());
        entry.put("fieldsType", "FieldsV1");
        entry.set("fieldsV1", FieldSets.of(body));
    }

    /** Removes the fields {@code manager} applied last time and no longer applies, unless others own them. */
    private static void dropUnapplied(ObjectNode patched, ObjectNode old, String manager, JsonNode applied) {
        JsonNode previous = null;
        List<JsonNode> others = new java.util.ArrayList<>();
        for (JsonNode entry : old.path("metadata").path("managedFields")) {
            if (entry.path("manager").asText().equals(manager) && entry.path("operation").asText().equals("Apply")) {
                previous = entry.path("fieldsV1");
            } else {
                others.add(entry.path("fieldsV1"));
            }
        }
        FieldSets.removeDropped(patched, previous, FieldSets.of(applied), others);
    }

    private void replaceManager(ObjectNode o, String manager, String operation, JsonNode body) {
        recordManager(o, manager, operation, body);
    }


    /**
     * Deletes an object ({@code DELETE}) with a propagation policy ({@code Background}, {@code Foreground},
     * {@code Orphan}); returns the object as it is after the request (with deletionTimestamp while finalizers or
     * dependents hold it) and whether it is gone.
     */
    public DeleteResult delete(ResourceType type, String namespace, String name, String propagation,
            long expectedRevision, boolean dryRun) {
        return delete(type, namespace, name, propagation, expectedRevision, dryRun, -1);
    }

    /**
     * Deletes as {@link #delete(ResourceType, String, String, String, long, boolean)} with a grace period in
     * seconds (-1 = the pod's terminationGracePeriodSeconds). A pod bound to a node is only marked (deletionTimestamp
     * = now + grace) for its node to stop it and delete it with grace 0; an unbound pod goes at once, as upstream.
     */
    public DeleteResult delete(ResourceType type, String namespace, String name, String propagation,
            long expectedRevision, boolean dryRun, long gracePeriodSeconds) {
        ObjectNode old = get(type, namespace, name);
        if (expectedRevision != 0
                && expectedRevision != Long.parseLong(old.path("metadata").path("resourceVersion").asText())) {
            throw ApiError.conflict(type, name, "the ResourceVersion in the precondition ("
                    + expectedRevision + ") does not match the ResourceVersion in record ("
                    + old.path("metadata").path("resourceVersion").asText() + "). The object might have been modified");
        }
        if (dryRun) {
            return new DeleteResult(old, true);
        }
        String policy = propagation == null || propagation.isEmpty() ? "Background" : propagation;
        JsonNode meta = old.path("metadata");
        boolean foreground = policy.equals("Foreground");
        boolean namespace0 = type.kind().equals("Namespace");
        if (policy.equals("Orphan")) {
            orphanDependents(meta.path("uid").asText());
        }
        if (type.kind().equals("Pod") && !old.path("spec").path("nodeName").asText("").isEmpty()) {
            long grace = gracePeriodSeconds >= 0 ? gracePeriodSeconds
                    : old.path("spec").path("terminationGracePeriodSeconds").asLong(30);
            if (grace > 0) {
                if (meta.has("deletionTimestamp") && meta.path("deletionGracePeriodSeconds").asLong() <= grace) {
                    return new DeleteResult(old, false);
                }
                String at = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(grace).toString();
                ObjectNode marked = modify(type, namespace, name, o -> {
                    ObjectNode m = ObjectRules.obj(o, "metadata");
                    m.put("deletionTimestamp", at);
                    m.put("deletionGracePeriodSeconds", grace);
                    return o;
                });
                return new DeleteResult(marked, false);
            }
            if (meta.path("finalizers").isEmpty()) {
                return new DeleteResult(deleteNow(type, namespace, name), true);
            }
        }
        if (meta.has("deletionTimestamp")) {
            return new DeleteResult(old, false);
        }
        if (!meta.path("finalizers").isEmpty() || foreground || namespace0) {
            ObjectNode marked = modify(type, namespace, name, o -> {
                ObjectNode m = ObjectRules.obj(o, "metadata");
                m.put("deletionTimestamp", now());
                m.put("deletionGracePeriodSeconds", 0);
                if (foreground) {
                    ArrayNode fin = ObjectRules.array(m, "finalizers");
                    fin.add(FOREGROUND);
                }
                if (namespace0) {
                    ObjectRules.obj(o, "status").put("phase", "Terminating");
                }
                return o;
            });
            onDelete.run();
            return new DeleteResult(marked, false);
        }
        ObjectNode last = deleteNow(type, namespace, name);
        return new DeleteResult(last, true);
    }

    /** The outcome of a delete: the object's last or current state and whether it is gone from the store. */
    public record DeleteResult(ObjectNode object, boolean gone) {
    }

    /**
     * Removes the object from the store. The caller has checked any precondition, so a write that lands between
     * (a status update racing the delete) is no reason to refuse: the delete is retried as upstream retries its
     * guaranteed update, instead of answering 409.
     */
    private ObjectNode deleteNow(ResourceType type, String namespace, String name) {
        for (int attempt = 0; ; attempt++) {
            try {
                ObjectNode last = write(type, name, () -> store.delete(key(type, namespace, name), 0));
                onDelete.run();
                return last;
            } catch (ApiError e) {
                if (e.code() != 409 || attempt >= PATCH_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private void orphanDependents(String ownerUid) {
        for (ResourceType t : catalog.all()) {
            List<JsonNode> owned = new java.util.ArrayList<>();
            store.scan(t.storeKey(), null, x -> {
                if (ownedBy(x, ownerUid)) {
                    owned.add(x);
                }
            });
            for (JsonNode o : owned) {
                JsonNode m = o.path("metadata");
                try {
                    modify(t, m.path("namespace").asText(""), m.path("name").asText(), x -> {
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
                    });
                } catch (ApiError e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
        }
    }

    /** Whether {@code o} names {@code ownerUid} in its ownerReferences. */
    public static boolean ownedBy(JsonNode o, String ownerUid) {
        for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
            if (ref.path("uid").asText().equals(ownerUid)) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode write(ResourceType type, String name, Supplier<ObjectNode> op) {
        try {
            return op.get();
        } catch (StoreFailure e) {
            throw switch (e.reason()) {
                case NOT_FOUND -> ApiError.notFound(type, name);
                case ALREADY_EXISTS -> ApiError.alreadyExists(type, name);
                case CONFLICT -> ApiError.conflict(type, name, ApiError.MODIFIED);
                case EXPIRED -> ApiError.expired(e.getMessage());
                case TOO_LARGE -> ApiError.tooLarge(io.strata.kubernetes.store.ZkObjectStore.MAX_OBJECT_BYTES);
                case UNAVAILABLE -> ApiError.internal(e.getMessage());
            };
        }
    }
}
