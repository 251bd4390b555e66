package io.strata.kubernetes.nodes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.mesos.Attribute;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.Resource;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a Node object says about one agent: its name (the agent's hostname), agent id, labels, cpus, memory (MiB),
 * whether its resources are reserved to the {@code slave_public} role, and whether it is ready.
 */
public record AgentNode(String name, String agentId, Map<String, String> labels, double cpus, double memMb,
        boolean publicRole) {

    /** The label prefix under which agent attributes appear. */
    public static final String ATTRIBUTE_PREFIX = "k8s.mesosphere.io/attribute-";
    /** The Mesos role of public agents. */
    public static final String PUBLIC_ROLE = "slave_public";

    /** Validates the parts. */
    public AgentNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(agentId, "agentId");
        labels = Map.copyOf(labels);
    }

    /**
     * The node an offer describes; the offer's resources stand for the capacity until the agent's total is known
     * ({@link NodeRegistry} replaces them with it).
     */
    public static AgentNode of(Offer offer) {
        Map<String, String> labels = new TreeMap<>();
        String host = offer.hostname() == null || offer.hostname().isEmpty() ? offer.agentId().value()
                : offer.hostname();
        labels.put("kubernetes.io/hostname", host);
        labels.put("kubernetes.io/os", "linux");
        labels.put("k8s.mesosphere.io/agent-id", offer.agentId().value());
        if (offer.attributes() != null) {
            for (Attribute a : offer.attributes()) {
                labels.put(ATTRIBUTE_PREFIX + a.name(), attributeValue(a));
            }
        }
        double cpus = 0;
        double mem = 0;
        boolean publicRole = false;
        for (Resource r : offer.resources()) {
            if (r.scalar() == null) {
                continue;
            }
            if (PUBLIC_ROLE.equals(r.role())) {
                publicRole = true;
            }
            if (r.name().equals("cpus")) {
                cpus += r.scalar().value();
            } else if (r.name().equals("mem")) {
                mem += r.scalar().value();
            }
        }
        return new AgentNode(host, offer.agentId().value(), labels, cpus, mem, publicRole);
    }

    private static String attributeValue(Attribute a) {
        if (a.text() != null) {
            return a.text().value();
        }
        if (a.scalar() != null) {
            double v = a.scalar().value();
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
        if (a.set() != null) {
            return String.join(".", a.set().item());
        }
        if (a.ranges() != null && !a.ranges().range().isEmpty()) {
            return a.ranges().range().get(0).begin() + "-" + a.ranges().range().get(0).end();
        }
        return "";
    }

    /** The Node object (metadata, spec, status) as upstream's kubelet registers it; Ready when {@code ready}. */
    public ObjectNode toObject(String now, boolean ready) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("apiVersion", "v1").put("kind", "Node");
        ObjectNode meta = node.putObject("metadata").put("name", name);
        ObjectNode l = meta.putObject("labels");
        labels.forEach(l::put);
        meta.putObject("annotations").put("k8s.mesosphere.io/agent-id", agentId);
        node.putObject("spec").put("providerID", "mesos://" + agentId);
        node.set("status", status(now, ready));
        return node;
    }

    /** The node's status: capacity, allocatable, the Ready condition, addresses and node info. */
    public ObjectNode status(String now, boolean ready) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        ObjectNode capacity = status.putObject("capacity");
        capacity.put("cpu", cpuQuantity(cpus)).put("memory", ((long) memMb) + "Mi").put("pods", "110");
        status.set("allocatable", capacity.deepCopy());
        ObjectNode c = status.putArray("conditions").addObject();
        c.put("type", "Ready").put("status", ready ? "True" : "Unknown")
                .put("lastHeartbeatTime", now).put("lastTransitionTime", now)
                .put("reason", ready ? "KubeletReady" : "NodeStatusUnknown")
                .put("message", ready ? "the Mesos agent is active" : "the Mesos agent is not active");
        status.putArray("addresses").addObject().put("type", "Hostname").put("address", name);
        ObjectNode info = status.putObject("nodeInfo");
        info.put("kubeletVersion", "v1.32.0").put("operatingSystem", "linux").put("architecture", "amd64")
                .put("containerRuntimeVersion", "strata://0.1.0").put("machineID", agentId)
                .put("systemUUID", agentId).put("bootID", "").put("kernelVersion", "").put("osImage", "Strata")
                .put("kubeProxyVersion", "");
        return status;
    }

    private static String cpuQuantity(double cpus) {
        long milli = Math.round(cpus * 1000);
        return milli % 1000 == 0 ? Long.toString(milli / 1000) : milli + "m";
    }
}
