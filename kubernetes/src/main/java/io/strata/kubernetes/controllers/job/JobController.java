package io.strata.kubernetes.controllers.job;

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

/** Drives {@link JobReconciler} from Job and Pod events. */
public final class JobController implements Controller {

    private final ResourceService service;
    private final Types types;
    private final InstantSource clock;
    private final JobReconciler reconciler;
    private final Applier applier;

    /** A controller over {@code service}. */
    public JobController(ResourceService service, Types types, InstantSource clock) {
        this.service = service;
        this.types = types;
        this.clock = clock;
        this.reconciler = new JobReconciler(types);
        this.applier = new Applier(service, "job-controller");
    }

    @Override
    public String name() {
        return "job-controller";
    }

    @Override
    public List<String> watches() {
        return List.of(types.jobs().storeKey(), types.pods().storeKey());
    }

    @Override
    public Collection<ObjectKey> keysFor(StoreEvent event) {
        String dKey = types.jobs().storeKey();
        if (event.key().resource().equals(dKey)) {
            return List.of(event.key());
        }
        String owner = PodState.controllerName(event.object(), "Job");
        return owner.isEmpty() ? List.of() : List.of(new ObjectKey(dKey, event.key().namespace(), owner));
    }

    @Override
    public Collection<ObjectKey> allKeys() {
        List<ObjectKey> keys = new ArrayList<>();
        service.store().scan(types.jobs().storeKey(), null, d ->
                keys.add(new ObjectKey(types.jobs().storeKey(), PodState.namespace(d), PodState.name(d))));
        return keys;
    }

    @Override
    public Optional<Duration> sync(ObjectKey key) {
        Optional<com.fasterxml.jackson.databind.node.ObjectNode> d = service.store().get(key);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> pods = new ArrayList<>();
        service.store().scan(types.pods().storeKey(), key.namespace(), pods::add);
        Plan plan = reconciler.reconcile(d.get(), pods, clock.instant());
        if (!applier.apply(plan.intents())) {
            throw new IllegalStateException("job " + key.name() + ": stale view, retrying");
        }
        return plan.requeueAfter();
    }
}
