package io.strata.kubernetes.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kubernetes.nodes.AgentNode;
import io.strata.kubernetes.pods.ContainerResources;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Chooses a node for a pod among candidates with their free resources, applying upstream's filters in upstream's
 * order (taints and tolerations, node affinity and nodeSelector, the public role, then resources) and scoring the
 * fitting nodes by the most free memory. When none fits, the reason is upstream's FitError text:
 * {@code 0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient memory.}
 * Pure: no I/O.
 */
public final class PodPlacement {

    /** The label that sends a pod to public agents ({@code k8s.mesosphere.io/roles: public}). */
    public static final String ROLES_LABEL = "k8s.mesosphere.io/roles";
    static final String AFFINITY = "node(s) didn't match Pod's node affinity/selector";
    static final String ROLE = "node(s) didn't match the pod's role (k8s.mesosphere.io/roles)";

    /** A node with what is free on it now, and its taints (from its Node object). */
    public record Candidate(AgentNode node, double freeCpus, double freeMemMb, List<JsonNode> taints) {
        /** Copies the taints. */
        public Candidate {
            taints = List.copyOf(taints);
        }
    }

    /** The outcome: a chosen node, or the FailedScheduling message. */
    public sealed interface Decision {
        /** The pod goes to {@code node}. */
        record Placed(Candidate node) implements Decision {
        }

        /** No node fits; {@code message} is upstream's text. */
        record Unschedulable(String message) implements Decision {
        }
    }

    private PodPlacement() {
    }

    /** Places {@code pod} on one of {@code candidates}. */
    public static Decision place(JsonNode pod, List<Candidate> candidates) {
        ContainerResources need = ContainerResources.ofPod(pod);
        Map<String, Integer> reasons = new TreeMap<>();
        Candidate best = null;
        for (Candidate c : candidates) {
            Optional<String> why = reject(pod, need, c);
            if (why.isPresent()) {
                reasons.merge(why.get(), 1, Integer::sum);
            } else if (best == null || c.freeMemMb() > best.freeMemMb()) {
                best = c;
            }
        }
        if (best != null) {
            return new Decision.Placed(best);
        }
        return new Decision.Unschedulable(message(candidates.size(), reasons));
    }

    /** Upstream's FitError message: the reasons histogram as sorted strings. */
    static String message(int nodes, Map<String, Integer> reasons) {
        List<String> parts = new ArrayList<>();
        reasons.forEach((reason, count) -> parts.add(count + " " + reason));
        parts.sort(null);
        return "0/" + nodes + " nodes are available" + (parts.isEmpty() ? "." : ": " + String.join(", ", parts)
                + ".");
    }

    /** Why the node does not take the pod, in upstream's words; empty when it does. */
    static Optional<String> reject(JsonNode pod, ContainerResources need, Candidate c) {
        for (JsonNode taint : c.taints()) {
            String effect = taint.path("effect").asText();
            if ((effect.equals("NoSchedule") || effect.equals("NoExecute")) && !tolerated(pod, taint)) {
                String value = taint.path("value").asText("");
                return Optional.of("node(s) had untolerated taint {" + taint.path("key").asText()
                        + (value.isEmpty() ? "" : ": " + value) + "}");
            }
        }
        if (!matchesSelector(pod, c.node().labels()) || !matchesAffinity(pod, c.node().labels())) {
            return Optional.of(AFFINITY);
        }
        boolean wantsPublic = "public".equals(pod.path("metadata").path("labels").path(ROLES_LABEL).asText());
        if (wantsPublic != c.node().publicRole()) {
            return Optional.of(ROLE);
        }
        if (need.cpus() > c.freeCpus() + 1e-9) {
            return Optional.of("Insufficient cpu");
        }
        if (need.memMb() > c.freeMemMb() + 1e-9) {
            return Optional.of("Insufficient memory");
        }
        return Optional.empty();
    }

    private static boolean tolerated(JsonNode pod, JsonNode taint) {
        for (JsonNode t : pod.path("spec").path("tolerations")) {
            String effect = t.path("effect").asText("");
            if (!effect.isEmpty() && !effect.equals(taint.path("effect").asText())) {
                continue;
            }
            String key = t.path("key").asText("");
            String op = t.path("operator").asText("Equal");
            if (key.isEmpty() && op.equals("Exists")) {
                return true;
            }
            if (!key.equals(taint.path("key").asText())) {
                continue;
            }
            if (op.equals("Exists") || t.path("value").asText("").equals(taint.path("value").asText(""))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesSelector(JsonNode pod, Map<String, String> labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pod.path("spec").path("nodeSelector").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** requiredDuringSchedulingIgnoredDuringExecution: any term matches when all its expressions do. */
    private static boolean matchesAffinity(JsonNode pod, Map<String, String> labels) {
        JsonNode terms = pod.path("spec").path("affinity").path("nodeAffinity")
                .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms");
        if (!terms.isArray() || terms.isEmpty()) {
            return true;
        }
        for (JsonNode term : terms) {
            boolean all = true;
            for (JsonNode e : term.path("matchExpressions")) {
                all &= expression(e, labels);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean expression(JsonNode e, Map<String, String> labels) {
        String value = labels.get(e.path("key").asText());
        List<String> values = new ArrayList<>();
        e.path("values").forEach(v -> values.add(v.asText()));
        return switch (e.path("operator").asText()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt" -> value != null && !values.isEmpty() && number(value) > number(values.get(0));
            case "Lt" -> value != null && !values.isEmpty() && number(value) < number(values.get(0));
            default -> false;
        };
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
