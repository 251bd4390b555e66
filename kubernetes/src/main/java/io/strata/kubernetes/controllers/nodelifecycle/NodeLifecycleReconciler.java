package io.strata.kubernetes.controllers.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kubernetes.controllers.Intent;
import io.strata.kubernetes.controllers.Plan;
import io.strata.kubernetes.controllers.PodState;
import io.strata.kubernetes.controllers.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Pure: (Node, pods bound to it, now, timeout) to the deletion of its pods once it has been not Ready too long. */
public final class NodeLifecycleReconciler {

    private final Types types;
    private final Duration timeout;

    /** A reconciler evicting after {@code timeout} of a not-Ready condition. */
    public NodeLifecycleReconciler(Types types, Duration timeout) {
        this.types = types;
        this.timeout = timeout;
    }

    /**
     * The plan for {@code node}: nothing while its Ready condition is True or absent; when False or Unknown since
     * {@code lastTransitionTime} (else {@code lastHeartbeatTime}) for at least the timeout, deletes (grace 0) every
     * pod bound to it; before that, a look again when the timeout ends.
     */
    public Plan reconcile(JsonNode node, List<JsonNode> podsOnNode, Instant now) {
        return reconcile(node, () -> podsOnNode, now);
    }

    /**
     * As {@link #reconcile(JsonNode, List, Instant)}, reading the node's pods only when it evicts them: a Ready node
     * (every node, mostly) costs no scan of the pods.
     */
    public Plan reconcile(JsonNode node, Supplier<List<JsonNode>> podsOnNode, Instant now) {
        JsonNode ready = null;
        for (JsonNode c : node.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                ready = c;
            }
        }
        if (ready == null || ready.path("status").asText().equals("True")) {
            return Plan.of(List.of());
        }
        Instant since = PodState.instant(ready.path("lastTransitionTime").asText(""),
                PodState.instant(ready.path("lastHeartbeatTime").asText(""), now));
        Instant evictAt = since.plus(timeout);
        if (evictAt.isAfter(now)) {
            return new Plan(List.of(), Optional.of(Duration.between(now, evictAt).plusMillis(100)));
        }
        List<Intent> intents = new ArrayList<>();
        for (JsonNode p : podsOnNode.get()) {
            intents.add(new Intent.Delete(types.pods(), PodState.namespace(p), PodState.name(p), 0));
        }
        return Plan.of(intents);
    }
}
