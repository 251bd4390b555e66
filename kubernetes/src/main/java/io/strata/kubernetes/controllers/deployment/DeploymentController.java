package io.strata.kubernetes.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.controllers.Applier;
import io.strata.kubernetes.controllers.Controller;
import io.strata.kubernetes.controllers.Plan;
import io.strata.kubernetes.controllers.PodState;
import io.strata.kubernetes.controllers.Types;
import io.strata.kubernetes.store.ObjectKey;
import io.strata.kubernetes.store.StoreEvent;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Drives {@link DeploymentReconciler} from Deployment and ReplicaSet events. */
public final class DeploymentController implements Controller {

    private final ResourceService service;
    private final Types types;
    private final InstantSource clock;
    private final DeploymentReconciler reconciler;
    private final Applier applier;

    /** A controller over {@code service}. */
    public DeploymentController(ResourceService service, Types types, InstantSource clock) {
        this.service = service;
        this.types = types;
        this.clock = clock;
        this.reconciler = new DeploymentReconciler(types);
        this.applier = new Applier(service, "deployment-controller");
    }

    @Override
    public String name() {
        return "deployment-controller";
    }

    @Override
    public List<String> watches() {
        return List.of(types.deployments().storeKey(), types.replicaSets().storeKey());
    }

    @Override
    public Collection<ObjectKey> keysFor(StoreEvent event) {
        String dKey = types.deployments().storeKey();
        if (event.key().resource().equals(dKey)) {
            return List.of(event.key());
        }
        String owner = PodState.controllerName(event.object(), "Deployment");
        return owner.isEmpty() ? List.of() : List.of(new ObjectKey(dKey, event.key().namespace(), owner));
    }

    @Override
    public Collection<ObjectKey> allKeys() {
        List<ObjectKey> keys = new ArrayList<>();
        service.store().scan(types.deployments().storeKey(), null, d ->
                keys.add(new ObjectKey(types.deployments().storeKey(), PodState.namespace(d), PodState.name(d))));
        return keys;
    }

    @Override
    public Optional<Duration> sync(ObjectKey key) {
        Optional<com.fasterxml.jackson.databind.node.ObjectNode> d = service.store().get(key);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> replicaSets = new ArrayList<>();
        service.store().scan(types.replicaSets().storeKey(), key.namespace(), replicaSets::add);
        Plan plan = reconciler.reconcile(d.get(), replicaSets, clock.instant());
        if (!applier.apply(plan.intents())) {
            throw new IllegalStateException("deployment " + key.name() + ": stale view, retrying");
        }
        return plan.requeueAfter();
    }
}
