package io.strata.kubernetes.controllers.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.controllers.Intent;
import io.strata.kubernetes.controllers.Plan;
import io.strata.kubernetes.controllers.PodState;
import io.strata.kubernetes.controllers.Types;
import io.strata.kubernetes.pods.HostPorts;
import io.strata.kubernetes.selector.LabelSelector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Pure: (Service, pods of its namespace, current Endpoints and slices) to their creation or update. */
public final class EndpointsReconciler {

    /** The label naming a slice's Service. */
    public static final String SERVICE_NAME = "kubernetes.io/service-name";
    /** The label naming a slice's manager. */
    public static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    /** Upstream's manager value. */
    public static final String CONTROLLER = "endpointslice-controller.k8s.io";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final Types types;

    /** A reconciler producing intents on {@code types}. */
    public EndpointsReconciler(Types types) {
        this.types = types;
    }

    /** Whether the controller manages this Service's endpoints: it has a selector and is not ExternalName. */
    public static boolean managed(JsonNode service) {
        return service.path("spec").path("selector").isObject() && !service.path("spec").path("selector").isEmpty()
                && !service.path("spec").path("type").asText("").equals("ExternalName");
    }

    /**
     * The plan for {@code service}; {@code endpoints} is its current Endpoints (null when absent), {@code slices}
     * the slices of the namespace.
     */
    public Plan reconcile(JsonNode service, List<JsonNode> pods, JsonNode endpoints, List<JsonNode> slices) {
        List<Intent> intents = new ArrayList<>();
        if (!managed(service) || PodState.deleting(service)) {
            return Plan.of(intents);
        }
        String ns = PodState.namespace(service);
        String name = PodState.name(service);
        ObjectNode matchLabels = F.objectNode();
        matchLabels.set("matchLabels", service.path("spec").path("selector"));
        LabelSelector selector = LabelSelector.fromObject(matchLabels);
        boolean publishNotReady = service.path("spec").path("publishNotReadyAddresses").asBoolean(false);
        Map<String, Group> groups = new TreeMap<>();
        List<JsonNode> selected = new ArrayList<>(pods.stream().filter(p -> selector.matches(p)
                && !PodState.deleting(p) && !p.path("status").path("podIP").asText("").isEmpty()
                && PodState.active(p)).toList());
        selected.sort(Comparator.comparing((JsonNode p) -> p.path("status").path("podIP").asText())
                .thenComparing(PodState::name));
        for (JsonNode pod : selected) {
            ArrayNode ports = ports(service, pod);
            Group g = groups.computeIfAbsent(ports.toString(), k -> new Group(ports, new ArrayList<>(),
                    new ArrayList<>()));
            (publishNotReady || PodState.ready(pod) ? g.ready : g.notReady).add(pod);
        }
        ArrayNode subsets = F.arrayNode();
        for (Group g : groups.values()) {
            ObjectNode subset = subsets.addObject();
            if (!g.ready.isEmpty()) {
                ArrayNode a = subset.putArray("addresses");
                g.ready.forEach(p -> a.add(address(p)));
            }
            if (!g.notReady.isEmpty()) {
                ArrayNode a = subset.putArray("notReadyAddresses");
                g.notReady.forEach(p -> a.add(address(p)));
            }
            if (!g.ports.isEmpty()) {
                subset.set("ports", g.ports);
            }
        }
        ObjectNode labels = service.path("metadata").path("labels").isObject()
                ? (ObjectNode) service.path("metadata").get("labels").deepCopy() : F.objectNode();
        if (service.path("spec").path("clusterIP").asText("").equals("None")) {
            labels.put("service.kubernetes.io/headless", "");
        }
        if (endpoints == null) {
            ObjectNode ep = F.objectNode();
            ep.put("apiVersion", "v1").put("kind", "Endpoints");
            ep.putObject("metadata").put("name", name).put("namespace", ns).set("labels", labels);
            ep.set("subsets", subsets);
            intents.add(new Intent.Create(types.endpoints(), ns, ep));
        } else if (!PodState.same(endpoints.path("subsets"), subsets) && !(subsets.isEmpty()
                && endpoints.path("subsets").isMissingNode()) || !endpoints.path("metadata").path("labels")
                .equals(labels) && !(labels.isEmpty() && endpoints.path("metadata").path("labels").isMissingNode())) {
            ObjectNode ep = (ObjectNode) endpoints.deepCopy();
            ep.set("subsets", subsets);
            ((ObjectNode) ep.get("metadata")).set("labels", labels);
            intents.add(new Intent.Update(types.endpoints(), ns, name, false, ep));
        }
        slices(service, groups, publishNotReady, slices, intents);
        return Plan.of(intents);
    }

    private record Group(ArrayNode ports, List<JsonNode> ready, List<JsonNode> notReady) {
    }

    private void slices(JsonNode service, Map<String, Group> groups, boolean publishNotReady, List<JsonNode> existing,
            List<Intent> intents) {
        String ns = PodState.namespace(service);
        String svc = PodState.name(service);
        Map<String, ObjectNode> desired = new TreeMap<>();
        if (groups.isEmpty()) {
            desired.put(sliceName(svc, ""), slice(service, sliceName(svc, ""), F.arrayNode(), List.of(),
                    publishNotReady));
        }
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            List<JsonNode> all = new ArrayList<>(e.getValue().ready);
            all.addAll(e.getValue().notReady);
            all.sort(Comparator.comparing(p -> p.path("status").path("podIP").asText()));
            String n = sliceName(svc, e.getKey());
            desired.put(n, slice(service, n, e.getValue().ports, all, publishNotReady));
        }
        List<JsonNode> mine = existing.stream().filter(s -> s.path("metadata").path("labels").path(SERVICE_NAME)
                .asText().equals(svc) && s.path("metadata").path("labels").path(MANAGED_BY).asText()
                .equals(CONTROLLER)).toList();
        for (JsonNode s : mine) {
            ObjectNode want = desired.remove(PodState.name(s));
            if (want == null) {
                intents.add(new Intent.Delete(types.endpointSlices(), ns, PodState.name(s), -1));
            } else if (!PodState.same(want.path("endpoints"), s.path("endpoints"))
                    || !PodState.same(want.path("ports"), s.path("ports"))) {
                ObjectNode next = (ObjectNode) s.deepCopy();
                next.set("endpoints", want.get("endpoints"));
                next.set("ports", want.get("ports"));
                intents.add(new Intent.Update(types.endpointSlices(), ns, PodState.name(s), false, next));
            }
        }
        desired.values().forEach(s -> intents.add(new Intent.Create(types.endpointSlices(), ns, s)));
    }

    private static ObjectNode slice(JsonNode service, String name, ArrayNode ports, List<JsonNode> pods, boolean publishNotReady) {
        String svc = PodState.name(service);
        ObjectNode s = F.objectNode();
        s.put("apiVersion", "discovery.k8s.io/v1").put("kind", "EndpointSlice");
        ObjectNode meta = s.putObject("metadata");
        meta.put("name", name).put("namespace", PodState.namespace(service));
        meta.putObject("labels").put(SERVICE_NAME, svc).put(MANAGED_BY, CONTROLLER);
        meta.putArray("ownerReferences").add(PodState.controllerRef(service, "v1", "Service"));
        s.put("addressType", "IPv4");
        ArrayNode eps = s.putArray("endpoints");
        for (JsonNode p : pods) {
            ObjectNode ep = eps.addObject();
            ep.putArray("addresses").add(p.path("status").path("podIP").asText());
            boolean ready = PodState.ready(p);
            ep.putObject("conditions").put("ready", ready || publishNotReady).put("serving", ready)
                    .put("terminating", false);
            if (p.path("spec").has("nodeName")) {
                ep.put("nodeName", p.path("spec").path("nodeName").asText());
            }
            ep.set("targetRef", targetRef(p));
        }
        ArrayNode sp = s.putArray("ports");
        for (JsonNode port : ports) {
            sp.add(port.deepCopy());
        }
        return s;
    }

    /** A slice's name: {@code <service>-} and five characters derived from its port set (stable across syncs). */
    static String sliceName(String service, String portsKey) {
        int h = 0x811c9dc5;
        for (byte b : portsKey.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder out = new StringBuilder();
        long v = Integer.toUnsignedLong(h);
        for (int i = 0; i < 5; i++) {
            out.append(alphabet.charAt((int) (v % alphabet.length())));
            v /= alphabet.length();
        }
        String prefix = service.length() > 57 ? service.substring(0, 57) : service;
        return prefix + "-" + out;
    }

    private static ObjectNode address(JsonNode pod) {
        ObjectNode a = F.objectNode();
        a.put("ip", pod.path("status").path("podIP").asText());
        if (pod.path("spec").has("nodeName")) {
            a.put("nodeName", pod.path("spec").path("nodeName").asText());
        }
        a.set("targetRef", targetRef(pod));
        return a;
    }

    private static ObjectNode targetRef(JsonNode pod) {
        ObjectNode r = F.objectNode();
        r.put("kind", "Pod").put("namespace", PodState.namespace(pod)).put("name", PodState.name(pod))
                .put("uid", PodState.uid(pod));
        return r;
    }

    /**
     * The Service's ports as this pod serves them: targetPort by number, or by container port name (ports the
     * pod does not name are left out), defaulting to the port; a container port the runtime maps to a host port
     * ({@link HostPorts}) is published as that host port, since pods listen in private network namespaces and only
     * the agent's relays on {@code hostIP:hostPort} reach them from outside.
     */
    static ArrayNode ports(JsonNode service, JsonNode pod) {
        HostPorts hostPorts = HostPorts.of(pod);
        ArrayNode out = F.arrayNode();
        for (JsonNode sp : service.path("spec").path("ports")) {
            JsonNode target = sp.path("targetPort");
            int number;
            if (target.isMissingNode() || target.isNull()) {
                number = sp.path("port").asInt();
            } else if (target.isNumber() || target.asText().matches("\\d+")) {
                number = target.asInt();
            } else {
                number = containerPort(pod, target.asText());
                if (number <= 0) {
                    continue;
                }
            }
            ObjectNode p = out.addObject();
            if (sp.has("name") && !sp.path("name").asText().isEmpty()) {
                p.put("name", sp.path("name").asText());
            }
            p.put("port", hostPorts.hostPort(number).orElse(number));
            p.put("protocol", sp.path("protocol").asText("TCP"));
        }
        return out;
    }

    private static int containerPort(JsonNode pod, String name) {
        for (JsonNode c : pod.path("spec").path("containers")) {
            for (JsonNode p : c.path("ports")) {
                if (p.path("name").asText().equals(name)) {
                    return p.path("containerPort").asInt();
                }
            }
        }
        return -1;
    }
}
