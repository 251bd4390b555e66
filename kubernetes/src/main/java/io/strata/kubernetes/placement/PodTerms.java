package io.strata.kubernetes.placement;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.kubernetes.pods.ContainerResources;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What placement needs from a pod: its key ({@code namespace/name}), cpus and MiB for the whole group (containers
 * plus executor), nodeSelector, required node affinity terms, tolerations, and whether it asks for public agents.
 *
 * @param key the pod's {@code namespace/name}, also the placement request id
 * @param shape everything but the key: pods of equal shape fit the same nodes
 */
public record PodTerms(String key, Shape shape) {

    /** The label that sends a pod to public agents ({@code k8s.mesosphere.io/roles: public}). */
    public static final String ROLES_LABEL = "k8s.mesosphere.io/roles";

    /** A toleration as in the pod spec; empty strings for absent fields. */
    public record Toleration(String key, String operator, String value, String effect) {
    }

    /** One {@code matchExpressions} entry of a node selector term. */
    public record Expression(String key, String operator, List<String> values) {
        /** Copies the values. */
        public Expression {
            values = List.copyOf(values);
        }
    }

    /**
     * A pod's scheduling requirements without its identity.
     *
     * @param terms required node affinity: any term matches when all its expressions do; empty = any node
     */
    public record Shape(double cpus, double memMb, Map<String, String> nodeSelector, List<List<Expression>> terms,
            List<Toleration> tolerations, boolean wantsPublic) {
        /** Copies the collections. */
        public Shape {
            nodeSelector = Map.copyOf(nodeSelector);
            terms = terms.stream().map(List::copyOf).toList();
            tolerations = List.copyOf(tolerations);
        }
    }

    /** Validates the parts. */
    public PodTerms {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(shape, "shape");
    }

    /** The terms of a pod object. */
    public static PodTerms of(JsonNode pod) {
        String key = pod.path("metadata").path("namespace").asText() + "/" + pod.path("metadata").path("name")
                .asText();
        ContainerResources need = ContainerResources.ofPod(pod);
        JsonNode spec = pod.path("spec");
        Map<String, String> selector = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("nodeSelector").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            selector.put(e.getKey(), e.getValue().asText());
        }
        List<List<Expression>> terms = new ArrayList<>();
        for (JsonNode term : spec.path("affinity").path("nodeAffinity")
                .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms")) {
            List<Expression> expressions = new ArrayList<>();
            for (JsonNode e : term.path("matchExpressions")) {
                List<String> values = new ArrayList<>();
                e.path("values").forEach(v -> values.add(v.asText()));
                expressions.add(new Expression(e.path("key").asText(), e.path("operator").asText(), values));
            }
            terms.add(expressions);
        }
        List<Toleration> tolerations = new ArrayList<>();
        for (JsonNode t : spec.path("tolerations")) {
            tolerations.add(new Toleration(t.path("key").asText(""), t.path("operator").asText("Equal"),
                    t.path("value").asText(""), t.path("effect").asText("")));
        }
        boolean wantsPublic = "public".equals(pod.path("metadata").path("labels").path(ROLES_LABEL).asText());
        return new PodTerms(key, new Shape(need.cpus(), need.memMb(), selector, terms, tolerations, wantsPublic));
    }
}
