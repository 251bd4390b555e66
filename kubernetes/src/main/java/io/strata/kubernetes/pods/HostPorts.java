package io.strata.kubernetes.pods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a pod's declared container ports are reachable from outside its private network namespace: container port
 * to the agent's host port that the agent relays into the namespace (executor port mappings). The runtime records
 * them on the pod as the annotation {@value #ANNOTATION} ({@code {"80":31000}}); the endpoints controller and the
 * service proxy read it back, so endpoints name {@code hostIP:hostPort}, which the host can reach.
 *
 * @param byContainerPort container port to host port (both 1..65535)
 */
public record HostPorts(Map<Integer, Integer> byContainerPort) {

    /** The pod annotation carrying the mapping as a JSON object. */
    public static final String ANNOTATION = "k8s.mesosphere.io/host-ports";
    /** No mapping. */
    public static final HostPorts NONE = new HostPorts(Map.of());

    /** Validates the ports and copies the map (sorted). */
    public HostPorts {
        byContainerPort.forEach((c, h) -> {
            if (c < 1 || c > 65535 || h < 1 || h > 65535) {
                throw new IllegalArgumentException("ports must be between 1 and 65535: " + c + " -> " + h);
            }
        });
        byContainerPort = java.util.Collections.unmodifiableMap(new TreeMap<>(byContainerPort));
    }

    /**
     * Takes a host port from {@code pool} for every TCP container port the pod declares: its {@code hostPort} when
     * set and free, else the pool's lowest; ports the pool cannot serve stay unmapped (reachable only inside the
     * pod).
     */
    public static HostPorts allocate(JsonNode pod, PortPool pool) {
        Map<Integer, Integer> out = new TreeMap<>();
        for (JsonNode c : pod.path("spec").path("containers")) {
            for (JsonNode p : c.path("ports")) {
                int port = p.path("containerPort").asInt();
                if (port < 1 || port > 65535 || out.containsKey(port)
                        || !p.path("protocol").asText("TCP").equals("TCP")) {
                    continue;
                }
                int host = pool.take(p.path("hostPort").asInt(0));
                if (host > 0) {
                    out.put(port, host);
                }
            }
        }
        return new HostPorts(out);
    }

    /** The mapping recorded on {@code pod} (none when absent or unreadable). */
    public static HostPorts of(JsonNode pod) {
        String text = pod.path("metadata").path("annotations").path(ANNOTATION).asText("");
        if (text.isEmpty()) {
            return NONE;
        }
        try {
            JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            Map<Integer, Integer> out = new TreeMap<>();
            json.properties().forEach(e -> out.put(Integer.parseInt(e.getKey()), e.getValue().asInt()));
            return new HostPorts(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return NONE;
        }
    }

    /** The host port serving {@code containerPort}, if mapped. */
    public Optional<Integer> hostPort(int containerPort) {
        return Optional.ofNullable(byContainerPort.get(containerPort));
    }

    /** The annotation's value. */
    public String toAnnotation() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        byContainerPort.forEach((c, h) -> o.put(String.valueOf(c), h));
        return o.toString();
    }

    /** Writes (or, when empty, removes) the annotation on {@code pod}; returns whether it changed. */
    public boolean annotate(ObjectNode pod) {
        ObjectNode meta = pod.with("metadata");
        JsonNode old = meta.path("annotations").path(ANNOTATION);
        if (byContainerPort.isEmpty()) {
            if (old.isMissingNode()) {
                return false;
            }
            ((ObjectNode) meta.get("annotations")).remove(ANNOTATION);
            return true;
        }
        if (old.asText("").equals(toAnnotation())) {
            return false;
        }
        meta.with("annotations").put(ANNOTATION, toAnnotation());
        return true;
    }
}
