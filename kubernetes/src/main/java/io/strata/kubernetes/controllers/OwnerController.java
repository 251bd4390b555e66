package io.strata.kubernetes.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.resources.ResourceType;
import io.strata.kubernetes.selector.LabelSelector;
import io.strata.kubernetes.store.ObjectKey;
import io.strata.kubernetes.store.StoreEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shape shared by the controllers whose objects own dependents of one kind in their namespace (ReplicaSet ->
 * pods, Deployment -> ReplicaSets, Job -> pods, CronJob -> Jobs): it watches both kinds, wakes an owner on its own
 * events and on those of dependents naming it as controller (and, optionally, of orphans it selects), and syncs an
 * owner by reading its namespace's dependents, running the pure {@link Reconcile} step and applying the plan as
 * field manager {@code name}.
 */
public final class OwnerController implements Controller {

    /** The pure step: (owner, dependents of its namespace, now) to a plan. */
    @FunctionalInterface
    public interface Reconcile {
        /** The plan for {@code owner}. */
        Plan reconcile(JsonNode owner, List<JsonNode> dependents, Instant now);
    }

    private final String name;
    private final ResourceService service;
    private final ResourceType owners;
    private final String ownerKind;
    private final ResourceType dependents;
    private final InstantSource clock;
    private final Reconcile reconcile;
    private final boolean adoptsOrphans;
    private final Applier applier;

    private OwnerController(String name, ResourceService service, ResourceType owners, String ownerKind,
            ResourceType dependents, InstantSource clock, Reconcile reconcile, boolean adoptsOrphans) {
        this.name = name;
        this.service = service;
        this.owners = owners;
        this.ownerKind = ownerKind;
        this.dependents = dependents;
        this.clock = clock;
        this.reconcile = reconcile;
        this.adoptsOrphans = adoptsOrphans;
        this.applier = new Applier(service, name);
    }

    /**
     * A controller named {@code name} (also its field manager) of {@code owners} (kind {@code ownerKind}) over their
     * {@code dependents}.
     */
    public static OwnerController of(String name, ResourceService service, ResourceType owners, String ownerKind,
            ResourceType dependents, InstantSource clock, Reconcile reconcile) {
        return new OwnerController(name, service, owners, ownerKind, dependents, clock, reconcile, false);
    }

    /** The same controller, also woken by events of dependents without a controller that an owner's selector matches. */
    public OwnerController adoptingOrphans() {
        return new OwnerController(name, service, owners, ownerKind, dependents, clock, reconcile, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> watches() {
        return List.of(owners.storeKey(), dependents.storeKey());
    }

    @Override
    public Collection<ObjectKey> keysFor(StoreEvent event) {
        String ownerKey = owners.storeKey();
        if (event.key().resource().equals(ownerKey)) {
            return List.of(event.key());
        }
        String ns = event.key().namespace();
        String owner = PodState.controllerName(event.object(), ownerKind);
        if (!owner.isEmpty()) {
            return List.of(new ObjectKey(ownerKey, ns, owner));
        }
        if (!adoptsOrphans) {
            return List.of();
        }
        Set<ObjectKey> keys = new LinkedHashSet<>();
        service.store().scan(ownerKey, ns, o -> {
            if (LabelSelector.fromObject(o.path("spec").path("selector")).matches(event.object())) {
                keys.add(new ObjectKey(ownerKey, ns, PodState.name(o)));
            }
        });
        return keys;
    }

    @Override
    public Collection<ObjectKey> allKeys() {
        return keys(service, owners);
    }

    /** Every object of {@code type}, as keys (for {@link Controller#allKeys}). */
    public static Collection<ObjectKey> keys(ResourceService service, ResourceType type) {
        List<ObjectKey> keys = new ArrayList<>();
        service.store().scan(type.storeKey(), null, o ->
                keys.add(new ObjectKey(type.storeKey(), PodState.namespace(o), PodState.name(o))));
        return keys;
    }

    @Override
    public Optional<Duration> sync(ObjectKey key) {
        Optional<ObjectNode> owner = service.store().get(key);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> observed = new ArrayList<>();
        service.store().scan(dependents.storeKey(), key.namespace(), observed::add);
        Plan plan = reconcile.reconcile(owner.get(), observed, clock.instant());
        if (!applier.apply(plan.intents())) {
            throw new IllegalStateException(name + " " + key.namespace() + "/" + key.name() + ": stale view, retrying");
        }
        return plan.requeueAfter();
    }
}
