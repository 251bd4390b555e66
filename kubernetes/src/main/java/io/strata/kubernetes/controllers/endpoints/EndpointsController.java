package io.strata.kubernetes.controllers.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.controllers.Applier;
import io.strata.kubernetes.controllers.Controller;
import io.strata.kubernetes.controllers.Intent;
import io.strata.kubernetes.controllers.Plan;
import io.strata.kubernetes.controllers.PodState;
import io.strata.kubernetes.controllers.Types;
import io.strata.kubernetes.selector.LabelSelector;
import io.strata.kubernetes.store.ObjectKey;
import io.strata.kubernetes.store.StoreEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Drives {@link EndpointsReconciler} from Service and Pod events; removes the Endpoints of deleted Services. */
public final class EndpointsController implements Controller {

    private final ResourceService service;
    private final Types types;
    private final EndpointsReconciler reconciler;
    private final Applier applier;

    /** A controller over {@code service}. */
    public EndpointsController(ResourceService service, Types types) {
        this.service = service;
        this.types = types;
        this.reconciler = new EndpointsReconciler(types);
        this.applier = new Applier(service, "endpoint-controller");
    }

    @Override
    public String name() {
        return "endpoints-controller";
    }

    @Override
    public List<String> watches() {
        return List.of(types.services().storeKey(), types.pods().storeKey());
    }

    @Override
    public Collection<ObjectKey> keysFor(StoreEvent event) {
        String svcKey = types.services().storeKey();
        if (event.key().resource().equals(svcKey)) {
            return List.of(event.key());
        }
        String ns = event.key().namespace();
        Set<ObjectKey> keys = new LinkedHashSet<>();
        service.store().scan(svcKey, ns, svc -> {
            if (EndpointsReconciler.managed(svc)) {
                ObjectNode sel = JsonNodeFactory.instance.objectNode();
                sel.set("matchLabels", svc.path("spec").path("selector"));
                LabelSelector s = LabelSelector.fromObject(sel);
                if (s.matches(event.object()) || event.previous() != null && s.matches(event.previous())) {
                    keys.add(new ObjectKey(svcKey, ns, PodState.name(svc)));
                }
            }
        });
        return keys;
    }

    @Override
    public Collection<ObjectKey> allKeys() {
        return io.strata.kubernetes.controllers.OwnerController.keys(service, types.services());
    }

    @Override
    public Optional<Duration> sync(ObjectKey key) {
        Optional<ObjectNode> svc = service.store().get(key);
        ObjectKey epKey = new ObjectKey(types.endpoints().storeKey(), key.namespace(), key.name());
        Optional<ObjectNode> ep = service.store().get(epKey);
        if (svc.isEmpty()) {
            if (ep.isPresent() && !ep.get().path("metadata").path("labels")
                    .has("endpointslice.kubernetes.io/skip-mirror")) {
                applier.apply(List.of(new Intent.Delete(types.endpoints(), key.namespace(), key.name(), -1)));
            }
            return Optional.empty();
        }
        List<JsonNode> pods = new ArrayList<>();
        service.store().scan(types.pods().storeKey(), key.namespace(), pods::add);
        List<JsonNode> slices = new ArrayList<>();
        service.store().scan(types.endpointSlices().storeKey(), key.namespace(), slices::add);
        Plan plan = reconciler.reconcile(svc.get(), pods, ep.orElse(null), slices);
        if (!applier.apply(plan.intents())) {
            throw new IllegalStateException("endpoints " + key.name() + ": stale view, retrying");
        }
        return plan.requeueAfter();
    }
}
