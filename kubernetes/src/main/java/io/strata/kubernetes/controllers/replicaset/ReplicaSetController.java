package io.strata.kubernetes.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.controllers.Applier;
import io.strata.kubernetes.controllers.Controller;
import io.strata.kubernetes.controllers.Plan;
import io.strata.kubernetes.controllers.PodState;
import io.strata.kubernetes.controllers.Types;
import io.strata.kubernetes.selector.LabelSelector;
import io.strata.kubernetes.store.ObjectKey;
import io.strata.kubernetes.store.StoreEvent;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Drives {@link ReplicaSetReconciler} from ReplicaSet and Pod events. */
public final class ReplicaSetController implements Controller {

    private final ResourceService service;
    private final Types types;
    private final InstantSource clock;
    private final ReplicaSetReconciler reconciler;
    private final Applier applier;

    /** A controller over {@code service}. */
    public ReplicaSetController(ResourceService service, Types types, InstantSource clock) {
        this.service = service;
        this.types = types;
        this.clock = clock;
        this.reconciler = new ReplicaSetReconciler(types);
        this.applier = new Applier(service, "replicaset-controller");
    }

    @Override
    public String name() {
        return "replicaset-controller";
    }

    @Override
    public List<String> watches() {
        return List.of(types.replicaSets().storeKey(), types.pods().storeKey());
    }

    @Override
    public Collection<ObjectKey> keysFor(StoreEvent event) {
        String rsKey = types.replicaSets().storeKey();
        if (event.key().resource().equals(rsKey)) {
            return List.of(event.key());
        }
        JsonNode pod = event.object();
        String ns = event.key().namespace();
        String owner = PodState.controllerName(pod, "ReplicaSet");
        if (!owner.isEmpty()) {
            return List.of(new ObjectKey(rsKey, ns, owner));
        }
        Set<ObjectKey> keys = new LinkedHashSet<>();
        service.store().scan(rsKey, ns, rs -> {
            if (LabelSelector.fromObject(rs.path("spec").path("selector")).matches(pod)) {
                keys.add(new ObjectKey(rsKey, ns, PodState.name(rs)));
            }
        });
        return keys;
    }

    @Override
    public Collection<ObjectKey> allKeys() {
        List<ObjectKey> keys = new ArrayList<>();
        service.store().scan(types.replicaSets().storeKey(), null, rs ->
                keys.add(new ObjectKey(types.replicaSets().storeKey(), PodState.namespace(rs), PodState.name(rs))));
        return keys;
    }

    @Override
    public Optional<Duration> sync(ObjectKey key) {
        Optional<com.fasterxml.jackson.databind.node.ObjectNode> rs = service.store().get(key);
        if (rs.isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> pods = new ArrayList<>();
        service.store().scan(types.pods().storeKey(), key.namespace(), pods::add);
        Plan plan = reconciler.reconcile(rs.get(), pods, clock.instant());
        if (!applier.apply(plan.intents())) {
            throw new IllegalStateException("replicaset " + key.name() + ": stale view, retrying");
        }
        return plan.requeueAfter();
    }
}
