package io.strata.kubernetes.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.controllers.Intent;
import io.strata.kubernetes.controllers.Plan;
import io.strata.kubernetes.controllers.PodState;
import io.strata.kubernetes.controllers.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Pure: (Deployment, ReplicaSets of its namespace, now) to ReplicaSet creations, scalings, revision updates,
 * history cleanup and the Deployment's status. One step per sync: the resulting ReplicaSet events bring the next.
 */
public final class DeploymentReconciler {

    /** The revision annotation on Deployments and their ReplicaSets. */
    public static final String REVISION = "deployment.kubernetes.io/revision";
    static final String DESIRED = "deployment.kubernetes.io/desired-replicas";
    static final String MAX = "deployment.kubernetes.io/max-replicas";
    private final Types types;

    /** A reconciler producing intents on {@code types}. */
    public DeploymentReconciler(Types types) {
        this.types = types;
    }

    /** The plan for {@code d} given the ReplicaSets of its namespace. */
    public Plan reconcile(JsonNode d, List<JsonNode> replicaSets, Instant now) {
        if (PodState.deleting(d)) {
            return Plan.of(List.of());
        }
        String ns = PodState.namespace(d);
        JsonNode spec = d.path("spec");
        int replicas = spec.path("replicas").asInt(1);
        JsonNode template = spec.path("template");
        List<JsonNode> owned = new ArrayList<>(replicaSets.stream()
                .filter(rs -> PodState.controllerUid(rs).equals(PodState.uid(d))).toList());
        owned.sort(Comparator.comparing((JsonNode rs) -> rs.path("metadata").path("creationTimestamp").asText(""))
                .thenComparing(PodState::name));
        JsonNode newRs = owned.stream()
                .filter(rs -> TemplateHash.equalIgnoringHash(rs.path("spec").path("template"), template))
                .findFirst().orElse(null);
        List<JsonNode> olds = owned.stream().filter(rs -> rs != newRs).toList();
        long maxOldRevision = olds.stream().mapToLong(DeploymentReconciler::revision).max().orElse(0);
        boolean paused = spec.path("paused").asBoolean(false);
        boolean recreate = spec.path("strategy").path("type").asText("RollingUpdate").equals("Recreate");
        RollingUpdate.Bounds bounds = recreate ? new RollingUpdate.Bounds(0, replicas)
                : RollingUpdate.bounds(spec.path("strategy").path("rollingUpdate").path("maxSurge"),
                        spec.path("strategy").path("rollingUpdate").path("maxUnavailable"), replicas);
        List<Intent> intents = new ArrayList<>();

        if (newRs == null) {
            if (paused) {
                return Plan.of(statusIntents(d, owned, null, bounds, now));
            }
            int all = owned.stream().mapToInt(DeploymentReconciler::specReplicas).sum();
            int oldActive = olds.stream().mapToInt(rs -> rs.path("status").path("replicas").asInt(0)).sum() + all;
            int start = recreate ? (oldActive > 0 ? 0 : replicas) : RollingUpdate.newReplicas(replicas, bounds, all, 0);
            intents.add(new Intent.Create(types.replicaSets(), ns,
                    newReplicaSet(d, template, start, maxOldRevision + 1, bounds)));
            return Plan.of(intents);
        }
        String newName = PodState.name(newRs);
        if (revision(newRs) <= maxOldRevision) {
            ObjectNode bumped = (ObjectNode) newRs.deepCopy();
            annotations(bumped).put(REVISION, Long.toString(maxOldRevision + 1));
            intents.add(new Intent.Update(types.replicaSets(), ns, newName, false, bumped));
            return Plan.of(intents);
        }
        String revision = Long.toString(revision(newRs));
        if (!d.path("metadata").path("annotations").path(REVISION).asText("").equals(revision)) {
            ObjectNode next = (ObjectNode) d.deepCopy();
            annotations(next).put(REVISION, revision);
            intents.add(new Intent.Update(types.deployments(), ns, PodState.name(d), false, next));
            return Plan.of(intents);
        }
        if (!paused) {
            if (recreate) {
                recreate(d, replicas, newRs, olds, bounds, intents);
            } else {
                rolling(d, replicas, newRs, olds, owned, bounds, intents);
            }
            if (intents.isEmpty()) {
                cleanup(d, olds, intents);
            }
        } else if (olds.stream().allMatch(rs -> specReplicas(rs) == 0) && specReplicas(newRs) != replicas) {
            intents.add(scale(newRs, replicas, bounds, d));
        }
        intents.addAll(statusIntents(d, owned, newRs, bounds, now));
        return Plan.of(intents);
    }

    private void rolling(JsonNode d, int replicas, JsonNode newRs, List<JsonNode> olds, List<JsonNode> owned,
            RollingUpdate.Bounds bounds, List<Intent> intents) {
        int all = owned.stream().mapToInt(DeploymentReconciler::specReplicas).sum();
        int target = RollingUpdate.newReplicas(replicas, bounds, all, specReplicas(newRs));
        if (target != specReplicas(newRs)) {
            intents.add(scale(newRs, target, bounds, d));
            return;
        }
        List<RollingUpdate.Rs> oldViews = olds.stream().map(DeploymentReconciler::view).toList();
        Map<String, Integer> downs = RollingUpdate.scaleDownOld(replicas, bounds, view(newRs), oldViews);
        for (JsonNode rs : olds) {
            Integer to = downs.get(PodState.name(rs));
            if (to != null) {
                intents.add(scale(rs, to, bounds, d));
            }
        }
    }

    private void recreate(JsonNode d, int replicas, JsonNode newRs, List<JsonNode> olds,
            RollingUpdate.Bounds bounds, List<Intent> intents) {
        boolean scaledDown = false;
        for (JsonNode rs : olds) {
            if (specReplicas(rs) > 0) {
                intents.add(scale(rs, 0, bounds, d));
                scaledDown = true;
            }
        }
        boolean oldPodsLeft = olds.stream().anyMatch(rs -> rs.path("status").path("replicas").asInt(0) > 0);
        if (!scaledDown && !oldPodsLeft && specReplicas(newRs) != replicas) {
            intents.add(scale(newRs, replicas, bounds, d));
        }
    }

    /** Deletes the oldest fully scaled-down old ReplicaSets beyond revisionHistoryLimit (default 10). */
    private void cleanup(JsonNode d, List<JsonNode> olds, List<Intent> intents) {
        int limit = d.path("spec").path("revisionHistoryLimit").asInt(10);
        List<JsonNode> idle = new ArrayList<>(olds.stream().filter(rs -> specReplicas(rs) == 0
                && rs.path("status").path("replicas").asInt(0) == 0 && !PodState.deleting(rs)).toList());
        idle.sort(Comparator.comparingLong(DeploymentReconciler::revision));
        for (int i = 0; i < idle.size() - limit; i++) {
            intents.add(new Intent.Delete(types.replicaSets(), PodState.namespace(d), PodState.name(idle.get(i)), -1));
        }
    }

    private Intent scale(JsonNode rs, int to, RollingUpdate.Bounds bounds, JsonNode d) {
        ObjectNode next = (ObjectNode) rs.deepCopy();
        ((ObjectNode) next.get("spec")).put("replicas", to);
        int replicas = d.path("spec").path("replicas").asInt(1);
        annotations(next).put(DESIRED, Integer.toString(replicas)).put(MAX,
                Integer.toString(replicas + bounds.maxSurge()));
        return new Intent.Update(types.replicaSets(), PodState.namespace(rs), PodState.name(rs), false, next);
    }

    private ObjectNode newReplicaSet(JsonNode d, JsonNode template, int replicas, long revision,
            RollingUpdate.Bounds bounds) {
        int collisions = d.path("status").path("collisionCount").asInt(0);
        String hash = TemplateHash.of(template, collisions);
        ObjectNode t = (ObjectNode) template.deepCopy();
        ObjectNode tm = t.has("metadata") ? (ObjectNode) t.get("metadata") : t.putObject("metadata");
        tm.withObject("labels").put(TemplateHash.LABEL, hash);
        ObjectNode rs = JsonNodeFactory.instance.objectNode();
        rs.put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        ObjectNode meta = rs.putObject("metadata");
        meta.put("name", PodState.name(d) + "-" + hash).put("namespace", PodState.namespace(d));
        meta.set("labels", tm.get("labels").deepCopy());
        int dReplicas = d.path("spec").path("replicas").asInt(1);
        ObjectNode ann = meta.putObject("annotations");
        ann.put(DESIRED, Integer.toString(dReplicas)).put(MAX, Integer.toString(dReplicas + bounds.maxSurge()))
                .put(REVISION, Long.toString(revision));
        meta.putArray("ownerReferences").add(PodState.controllerRef(d, "apps/v1", "Deployment"));
        ObjectNode spec = rs.putObject("spec");
        spec.put("replicas", replicas);
        spec.put("minReadySeconds", d.path("spec").path("minReadySeconds").asInt(0));
        ObjectNode selector = (ObjectNode) d.path("spec").path("selector").deepCopy();
        selector.withObject("matchLabels").put(TemplateHash.LABEL, hash);
        spec.set("selector", selector);
        spec.set("template", t);
        return rs;
    }

    /** The status write (when changed): counts summed over the ReplicaSets and the two conditions. */
    private List<Intent> statusIntents(JsonNode d, List<JsonNode> owned, JsonNode newRs, RollingUpdate.Bounds bounds,
            Instant now) {
        int replicas = d.path("spec").path("replicas").asInt(1);
        int total = 0;
        int ready = 0;
        int available = 0;
        for (JsonNode rs : owned) {
            total += rs.path("status").path("replicas").asInt(0);
            ready += rs.path("status").path("readyReplicas").asInt(0);
            available += rs.path("status").path("availableReplicas").asInt(0);
        }
        int updated = newRs == null ? 0 : newRs.path("status").path("replicas").asInt(0);
        JsonNode old = d.path("status");
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("observedGeneration", d.path("metadata").path("generation").asLong(1));
        putIfPositive(s, "replicas", total);
        putIfPositive(s, "updatedReplicas", updated);
        putIfPositive(s, "readyReplicas", ready);
        putIfPositive(s, "availableReplicas", available);
        putIfPositive(s, "unavailableReplicas", Math.max(0, replicas - available));
        if (old.has("collisionCount")) {
            s.set("collisionCount", old.get("collisionCount"));
        }
        ArrayNode conditions = s.putArray("conditions");
        boolean minAvailable = available >= replicas - bounds.maxUnavailable();
        conditions.add(condition(old, "Available", minAvailable ? "True" : "False",
                minAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                minAvailable ? "Deployment has minimum availability."
                        : "Deployment does not have minimum availability.", now));
        String nrs = newRs == null ? "" : PodState.name(newRs);
        if (d.path("spec").path("paused").asBoolean(false)) {
            conditions.add(condition(old, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now));
        } else if (newRs != null && updated == replicas && available == replicas && total == replicas
                && newRs.path("status").path("availableReplicas").asInt(0) == replicas) {
            conditions.add(condition(old, "Progressing", "True", "NewReplicaSetAvailable",
                    "ReplicaSet \"" + nrs + "\" has successfully progressed.", now));
        } else if (newRs != null) {
            conditions.add(condition(old, "Progressing", "True", "ReplicaSetUpdated",
                    "ReplicaSet \"" + nrs + "\" is progressing.", now));
        }
        if (PodState.same(s, old)) {
            return List.of();
        }
        ObjectNode next = (ObjectNode) d.deepCopy();
        next.set("status", s);
        return List.of(new Intent.Update(types.deployments(), PodState.namespace(d), PodState.name(d), true, next));
    }

    /** A condition keeping its times when nothing about it changed, as upstream's SetDeploymentCondition. */
    private static ObjectNode condition(JsonNode oldStatus, String type, String status, String reason, String message,
            Instant now) {
        String at = PodState.timestamp(now);
        for (JsonNode c : oldStatus.path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                if (c.path("status").asText().equals(status) && c.path("reason").asText().equals(reason)
                        && c.path("message").asText().equals(message)) {
                    return (ObjectNode) c.deepCopy();
                }
                ObjectNode n = JsonNodeFactory.instance.objectNode();
                n.put("type", type).put("status", status).put("lastUpdateTime", at)
                        .put("lastTransitionTime", c.path("status").asText().equals(status)
                                ? c.path("lastTransitionTime").asText(at) : at)
                        .put("reason", reason).put("message", message);
                return n;
            }
        }
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", type).put("status", status).put("lastUpdateTime", at).put("lastTransitionTime", at)
                .put("reason", reason).put("message", message);
        return n;
    }

    private static void putIfPositive(ObjectNode s, String field, int value) {
        if (value > 0) {
            s.put(field, value);
        }
    }

    private static ObjectNode annotations(ObjectNode o) {
        return ((ObjectNode) o.get("metadata")).withObject("annotations");
    }

    static long revision(JsonNode rs) {
        try {
            return Long.parseLong(rs.path("metadata").path("annotations").path(REVISION).asText("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int specReplicas(JsonNode rs) {
        return rs.path("spec").path("replicas").asInt(0);
    }

    private static RollingUpdate.Rs view(JsonNode rs) {
        return new RollingUpdate.Rs(PodState.name(rs), specReplicas(rs),
                rs.path("status").path("availableReplicas").asInt(0));
    }
}
