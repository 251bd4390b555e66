package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * NodePort allocation for Services of type NodePort and LoadBalancer: ports without a {@code nodePort} get the lowest
 * free one of upstream's range 30000-32767 (upstream picks at random; lowest-first keeps clear of the agents'
 * default host-port range 31000-32000 for small clusters), and an update keeps the nodePorts a port had when the new
 * spec leaves them out (as upstream does for {@code kubectl apply}).
 */
final class NodePorts {

    /** The range's bounds, as upstream's default {@code --service-node-port-range}. */
    static final int FIRST = 30000;
    static final int LAST = 32767;

    private NodePorts() {
    }

    /** Whether the Service type gets nodePorts. */
    static boolean wanted(JsonNode spec) {
        String type = spec.path("type").asText("ClusterIP");
        return type.equals("NodePort") || type.equals("LoadBalancer");
    }

    /** Every nodePort of the given Services. */
    static void collect(JsonNode service, Set<Integer> used) {
        for (JsonNode p : service.path("spec").path("ports")) {
            if (p.path("nodePort").asInt(0) > 0) {
                used.add(p.path("nodePort").asInt());
            }
        }
    }

    /** Gives every port of {@code spec} without a nodePort the lowest free one; false when the range is full. */
    static boolean allocate(ObjectNode spec, Set<Integer> used) {
        int next = FIRST;
        for (JsonNode p : spec.path("ports")) {
            if (p.path("nodePort").asInt(0) > 0 || !(p instanceof ObjectNode port)) {
                continue;
            }
            while (next <= LAST && used.contains(next)) {
                next++;
            }
            if (next > LAST) {
                return false;
            }
            port.put("nodePort", next);
            used.add(next++);
        }
        return true;
    }

    /** Copies the old nodePort of each port (matched by port number) that the new spec leaves out. */
    static void keep(ObjectNode spec, JsonNode oldSpec) {
        if (!wanted(spec)) {
            return;
        }
        for (JsonNode p : spec.path("ports")) {
            if (p.has("nodePort") || !(p instanceof ObjectNode port)) {
                continue;
            }
            for (JsonNode o : oldSpec.path("ports")) {
                if (o.path("port").asInt() == p.path("port").asInt() && o.path("nodePort").asInt(0) > 0) {
                    port.put("nodePort", o.path("nodePort").asInt());
                }
            }
        }
    }
}
