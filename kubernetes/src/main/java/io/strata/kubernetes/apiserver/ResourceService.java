package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.patch.JsonPatch;
import io.strata.kubernetes.patch.MergePatch;
import io.strata.kubernetes.patch.PatchException;
import io.strata.kubernetes.patch.StrategicMergePatch;
import io.strata.kubernetes.resources.FieldError;
import io.strata.kubernetes.resources.ObjectRules;
import io.strata.kubernetes.resources.ResourceCatalog;
import io.strata.kubernetes.resources.ResourceType;
import io.strata.kubernetes.store.ObjectKey;
import io.strata.kubernetes.store.ObjectStore;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
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
 * Parts live beside it: {@link TypeMeta} (body against endpoint), {@link ManagedFields}, {@link ServiceAddresses}
 * (ClusterIPs and NodePorts), {@link Deletions} (the DELETE verb) and {@link StoreErrors}.
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
    private final ServiceAddresses addresses;
    private final Deletions deletions;
    private volatile Runnable onDelete = () -> { };

    /** A service over {@code store}; time, uids and name suffixes come from the given sources. */
    public ResourceService(ObjectStore store, ResourceCatalog catalog, InstantSource clock, Supplier<UUID> uids,
            RandomGenerator random, ClusterIpAllocator clusterIps) {
        this.store = Objects.requireNonNull(store, "store");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.uids = Objects.requireNonNull(uids, "uids");
        this.random = Objects.requireNonNull(random, "random");
        this.addresses = new ServiceAddresses(store, Objects.requireNonNull(clusterIps, "clusterIps"));
        this.deletions = new Deletions(this, clock, () -> onDelete);
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

    /**
     * Reads one object or fails with 404, without copying: the store's own object, to serialize and not to
     * change.
     */
    public ObjectNode read(ResourceType type, String namespace, String name) {
        return store.read(key(type, namespace, name)).orElseThrow(() -> ApiError.notFound(type, name));
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
        TypeMeta.check(type, o);
        ObjectNode meta = ObjectRules.obj(o, "metadata");
        String ns = TypeMeta.namespace(type, namespace, meta);
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
            addresses.allocate(type, o);
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

    private String suffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return s.toString();
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
        TypeMeta.check(type, o);
        ObjectNode meta = ObjectRules.obj(o, "metadata");
        TypeMeta.namespace(type, namespace, meta);
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
            deletions.deleteNow(type, namespace, name);
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
                ManagedFields.dropUnapplied(patched, old, options.fieldManager(), patch);
                recordManager(patched, options.fieldManager(), "Apply", patch);
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
        ManagedFields.record(o, manager, operation, body, now());
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
        return deletions.delete(type, namespace, name, propagation, expectedRevision, dryRun, gracePeriodSeconds);
    }

    /** The outcome of a delete: the object's last or current state and whether it is gone from the store. */
    public record DeleteResult(ObjectNode object, boolean gone) {
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
        return StoreErrors.call(type, name, op);
    }
}
