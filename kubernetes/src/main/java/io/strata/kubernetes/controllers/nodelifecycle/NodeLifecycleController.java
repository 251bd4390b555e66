package io.strata.kubernetes.controllers.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** Drives {@link NodeLifecycleReconciler} from Node events and its own timed looks. */
public final class NodeLifecycleController implements Controller {

    private final ResourceService service;
    private final Types types;
    private final InstantSource clock;
    private final NodeLifecycleReconciler reconciler;
    private final Applier applier;

    /** A controller evicting the pods of nodes not Ready for {@code timeout}. */
    public NodeLifecycleController(ResourceService service, Types types, InstantSource clock, Duration timeout) {
        this.service = service;
        this.types = types;
        this.clock = clock;
        this.reconciler = new NodeLifecycleReconciler(types, timeout);
        this.applier = new Applier(service, "node-controller");
    }

    @Override
    public String name() {
        return "node-lifecycle-controller";
    }

    @Override
    public List<String> watches() {
        return List.of(types.nodes().storeKey());
    }

    @Override
    public Collection<ObjectKey> keysFor(StoreEvent event) {
        return List.of(event.key());
    }

    @Override
    public Collection<ObjectKey> allKeys() {
        return io.strata.kubernetes.controllers.OwnerController.keys(service, types.nodes());
    }

    @Override
    public Optional<Duration> sync(ObjectKey key) {
        Optional<ObjectNode> node = service.store().get(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        // the pods are scanned only for an eviction: a scan per node event was 5,000 x 30,000 pods at startup
        Plan plan = reconciler.reconcile(node.get(), () -> podsOn(key.name()), clock.instant());
        if (!applier.apply(plan.intents())) {
            throw new IllegalStateException("node " + key.name() + ": eviction incomplete, retrying");
        }
        return plan.requeueAfter();
    }

    private List<JsonNode> podsOn(String nodeName) {
        List<JsonNode> pods = new ArrayList<>();
        service.store().scan(types.pods().storeKey(), null, p -> {
            if (p.path("spec").path("nodeName").asText("").equals(nodeName)) {
                pods.add(p);
            }
        });
        return pods;
    }
}
