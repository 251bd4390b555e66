package io.strata.kubernetes.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure: which frontends forward to which backends, from the Services and Endpoints the proxy sees. Every port of a
 * Service with a ClusterIP (not headless, not ExternalName) is a frontend at {@code clusterIP:port}; NodePort and
 * LoadBalancer ports with a {@code nodePort} are also frontends at {@code nodeAddress:nodePort}. Backends are the
 * ready addresses of the Service's Endpoints with the subset port whose name matches the service port's name (both
 * unnamed for a single-port Service), as kube-proxy matches them; only TCP ports are served.
 */
public final class ProxyRules {

    private ProxyRules() {
    }

    /**
     * The forwarding table. {@code endpoints} is keyed by {@code namespace/name}; {@code nodeAddress} may be empty
     * (no NodePort frontends).
     */
    public static Map<Frontend, List<Backend>> compute(Collection<JsonNode> services, Map<String, JsonNode> endpoints,
            String nodeAddress) {
        Map<Frontend, List<Backend>> table = new LinkedHashMap<>();
        for (JsonNode svc : services) {
            JsonNode spec = svc.path("spec");
            String clusterIp = spec.path("clusterIP").asText("");
            String type = spec.path("type").asText("ClusterIP");
            if (clusterIp.isEmpty() || clusterIp.equals("None") || type.equals("ExternalName")) {
                continue;
            }
            String key = svc.path("metadata").path("namespace").asText() + "/"
                    + svc.path("metadata").path("name").asText();
            JsonNode ep = endpoints.get(key);
            for (JsonNode port : spec.path("ports")) {
                if (!port.path("protocol").asText("TCP").equals("TCP") || port.path("port").asInt() < 1) {
                    continue;
                }
                String portName = port.path("name").asText("");
                List<Backend> backends = ep == null ? List.of() : backends(ep, portName);
                String label = key + ":" + (portName.isEmpty() ? port.path("port").asText() : portName);
                table.put(new Frontend(clusterIp, port.path("port").asInt(), label), backends);
                int nodePort = port.path("nodePort").asInt(0);
                if (!nodeAddress.isEmpty() && nodePort > 0 && (type.equals("NodePort")
                        || type.equals("LoadBalancer"))) {
                    table.put(new Frontend(nodeAddress, nodePort, label), backends);
                }
            }
        }
        return table;
    }

    /** The ready addresses of {@code endpoints} with the port named {@code portName}, in their listed order. */
    static List<Backend> backends(JsonNode endpoints, String portName) {
        List<Backend> out = new ArrayList<>();
        for (JsonNode subset : endpoints.path("subsets")) {
            int port = 0;
            for (JsonNode p : subset.path("ports")) {
                if (p.path("name").asText("").equals(portName) && p.path("protocol").asText("TCP").equals("TCP")) {
                    port = p.path("port").asInt();
                }
            }
            if (port < 1 || port > 65535) {
                continue;
            }
            for (JsonNode a : subset.path("addresses")) {
                String ip = a.path("ip").asText("");
                if (!ip.isEmpty()) {
                    out.add(new Backend(ip, port));
                }
            }
        }
        return List.copyOf(out);
    }
}
