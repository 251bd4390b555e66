package io.strata.kubernetes.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.controllers.Intent;
import io.strata.kubernetes.controllers.Plan;
import io.strata.kubernetes.controllers.PodState;
import io.strata.kubernetes.controllers.Types;
import io.strata.kubernetes.selector.LabelSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Pure: (ReplicaSet, pods of its namespace, now) to the pod creations, deletions, adoptions and status write. */
public final class ReplicaSetReconciler {

    /** Upstream's burstReplicas: at most this many creations or deletions per sync. */
    public static final int BURST = 500;
    private final Types types;

    /** A reconciler producing intents on {@code types}. */
    public ReplicaSetReconciler(Types types) {
        this.types = types;
    }

    /** The plan for {@code rs} given the pods of its namespace. */
    public Plan reconcile(JsonNode rs, List<JsonNode> pods, Instant now) {
        if (PodState.deleting(rs)) {
            return Plan.of(List.of());
        }
        String uid = PodState.uid(rs);
        String ns = PodState.namespace(rs);
        LabelSelector selector = LabelSelector.fromObject(rs.path("spec").path("selector"));
        List<Intent> intents = new ArrayList<>();
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode p : pods) {
            String owner = PodState.controllerUid(p);
            if (owner.equals(uid)) {
                mine.add(p);
            } else if (owner.isEmpty() && !PodState.deleting(p) && PodState.active(p) && selector.matches(p)) {
                ObjectNode adopted = (ObjectNode) p.deepCopy();
                ArrayNode refs = ((ObjectNode) adopted.get("metadata")).withArray("ownerReferences");
                refs.add(PodState.controllerRef(rs, "apps/v1", "ReplicaSet"));
                intents.add(new Intent.Update(types.pods(), ns, PodState.name(p), false, adopted));
                mine.add(adopted);
            }
        }
        List<JsonNode> active = mine.stream().filter(PodState::active).toList();
        int want = rs.path("spec").path("replicas").asInt(1);
        int diff = active.size() - want;
        if (diff < 0) {
            for (int i = 0; i < Math.min(-diff, BURST); i++) {
                intents.add(new Intent.Create(types.pods(), ns, podFrom(rs)));
            }
        } else if (diff > 0) {
            for (JsonNode victim : deletionOrder(active).subList(0, Math.min(diff, BURST))) {
                intents.add(new Intent.Delete(types.pods(), ns, PodState.name(victim), -1));
            }
        }
        long minReady = rs.path("spec").path("minReadySeconds").asLong(0);
        ObjectNode status = status(rs, active, minReady, now);
        if (!PodState.same(status, rs.path("status"))) {
            ObjectNode next = (ObjectNode) rs.deepCopy();
            next.set("status", status);
            intents.add(new Intent.Update(types.replicaSets(), ns, PodState.name(rs), true, next));
        }
        Optional<Duration> again = Optional.empty();
        if (minReady > 0) {
            for (JsonNode p : active) {
                Instant since = PodState.readySince(p);
                if (since != null && since.plusSeconds(minReady).isAfter(now)) {
                    Duration d = Duration.between(now, since.plusSeconds(minReady)).plusMillis(100);
                    again = again.isEmpty() || d.compareTo(again.get()) < 0 ? Optional.of(d) : again;
                }
            }
        }
        return new Plan(intents, again);
    }

    /** The status upstream computes: counts over the active pods; zero counts other than replicas omitted. */
    static ObjectNode status(JsonNode rs, List<JsonNode> active, long minReady, Instant now) {
        Map<String, String> templateLabels = LabelSelector.labels(rs.path("spec").path("template"));
        int labelled = 0;
        int ready = 0;
        int available = 0;
        for (JsonNode p : active) {
            Map<String, String> labels = LabelSelector.labels(p);
            if (labels.entrySet().containsAll(templateLabels.entrySet())) {
                labelled++;
            }
            if (PodState.ready(p)) {
                ready++;
            }
            if (PodState.available(p, minReady, now)) {
                available++;
            }
        }
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("replicas", active.size());
        putIfPositive(s, "fullyLabeledReplicas", labelled);
        putIfPositive(s, "readyReplicas", ready);
        putIfPositive(s, "availableReplicas", available);
        s.put("observedGeneration", rs.path("metadata").path("generation").asLong(1));
        if (rs.path("status").has("conditions")) {
            s.set("conditions", rs.path("status").get("conditions"));
        }
        return s;
    }

    private static void putIfPositive(ObjectNode s, String field, int value) {
        if (value > 0) {
            s.put(field, value);
        }
    }

    /** A new pod from the template: generateName {@code <rs>-}, the template's labels, a controller reference. */
    ObjectNode podFrom(JsonNode rs) {
        JsonNode template = rs.path("spec").path("template");
        ObjectNode pod = JsonNodeFactory.instance.objectNode();
        pod.put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata");
        meta.put("generateName", PodState.name(rs) + "-").put("namespace", PodState.namespace(rs));
        if (template.path("metadata").has("labels")) {
            meta.set("labels", template.path("metadata").get("labels").deepCopy());
        }
        if (template.path("metadata").has("annotations")) {
            meta.set("annotations", template.path("metadata").get("annotations").deepCopy());
        }
        meta.putArray("ownerReferences").add(PodState.controllerRef(rs, "apps/v1", "ReplicaSet"));
        pod.set("spec", template.path("spec").deepCopy());
        return pod;
    }

    /**
     * Upstream's ranking of pods to delete first: unassigned before assigned, Pending before Unknown before
     * Running, not ready before ready, then the newest first.
     */
    public static List<JsonNode> deletionOrder(List<JsonNode> pods) {
        Comparator<JsonNode> order = Comparator
                .comparingInt((JsonNode p) -> p.path("spec").path("nodeName").asText("").isEmpty() ? 0 : 1)
                .thenComparingInt(p -> switch (p.path("status").path("phase").asText("Pending")) {
                    case "Pending" -> 0;
                    case "Unknown" -> 1;
                    default -> 2;
                })
                .thenComparingInt(p -> PodState.ready(p) ? 1 : 0)
                .thenComparing((JsonNode p) -> PodState.instant(
                        p.path("metadata").path("creationTimestamp").asText(""), Instant.EPOCH),
                        Comparator.reverseOrder())
                .thenComparing(PodState::name);
        List<JsonNode> sorted = new ArrayList<>(pods);
        sorted.sort(order);
        return sorted;
    }
}
