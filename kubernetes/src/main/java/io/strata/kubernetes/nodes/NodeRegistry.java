package io.strata.kubernetes.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.mesos.Offer;
import io.strata.kubernetes.apiserver.ApiError;
import io.strata.kubernetes.apiserver.RequestOptions;
import io.strata.kubernetes.apiserver.ResourceService;
import io.strata.kubernetes.placement.NodeTerms;
import io.strata.kubernetes.resources.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Node object per agent seen in offers: created (or refreshed) on the agent's first offer, marked not
 * Ready when the master reports the agent lost, Ready again on its next offer. The nodes' taints are read back from
 * the stored objects (so {@code kubectl taint} takes effect). Thread-safe.
 */
public final class NodeRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);

    private final ResourceService service;
    private final ResourceType nodes;
    private final Map<String, AgentNode> byAgent = new ConcurrentHashMap<>();
    private final Map<String, Boolean> ready = new ConcurrentHashMap<>();

    private final AgentCapacities capacities;
    private final java.util.function.BiConsumer<String, Runnable> writer;

    /** A registry writing through {@code service}; capacities from each agent's first offer. */
    public NodeRegistry(ResourceService service) {
        this(service, AgentCapacities.NONE, (agentId, write) -> write.run());
    }

    /**
     * A registry writing through {@code service}, with capacity and allocatable from {@code capacities}; each
     * Node write is handed to {@code writer} with its agent id (which may run it later, in order per agent).
     */
    public NodeRegistry(ResourceService service, AgentCapacities capacities,
            java.util.function.BiConsumer<String, Runnable> writer) {
        this.service = service;
        this.capacities = capacities;
        this.writer = writer;
        this.nodes = service.catalog().find("v1", "nodes").orElseThrow();
    }

    /** The node of an offer's agent, registering or re-marking it Ready when needed. */
    public AgentNode observe(Offer offer) {
        AgentNode known = byAgent.get(offer.agentId().value());
        if (known != null && Boolean.TRUE.equals(ready.get(known.agentId()))) {
            return known;
        }
        AgentNode node = known != null ? known : withCapacity(AgentNode.of(offer));
        byAgent.put(node.agentId(), node);
        ready.put(node.agentId(), true);
        writer.accept(node.agentId(), () -> write(node, true));
        return node;
    }

    /** The node with its agent's total resources when known (an offer holds only what is unused). */
    private AgentNode withCapacity(AgentNode fromOffer) {
        return capacities.capacity(fromOffer.agentId())
                .map(c -> new AgentNode(fromOffer.name(), fromOffer.agentId(), fromOffer.labels(),
                        Math.max(c.cpus(), fromOffer.cpus()), Math.max(c.memMb(), fromOffer.memMb()),
                        fromOffer.publicRole()))
                .orElse(fromOffer);
    }

    /** Marks an agent's node not Ready (the agent was lost or removed). */
    public void lost(String agentId) {
        AgentNode node = byAgent.get(agentId);
        if (node != null && !Boolean.FALSE.equals(ready.put(agentId, false))) {
            writer.accept(node.agentId(), () -> write(node, false));
        }
    }

    /** The known node of an agent. */
    public Optional<AgentNode> byAgent(String agentId) {
        return Optional.ofNullable(byAgent.get(agentId));
    }

    /** How many agents are known and Ready. */
    public int readyCount() {
        return (int) ready.values().stream().filter(b -> b).count();
    }

    /**
     * The taints of every stored Node object that has any (the {@code unschedulable} flag as upstream's
     * {@code node.kubernetes.io/unschedulable:NoSchedule} taint), by node name: one scan without copies.
     */
    public Map<String, List<NodeTerms.Taint>> taints() {
        Map<String, List<NodeTerms.Taint>> out = new java.util.HashMap<>();
        service.store().scan(nodes.storeKey(), "", o -> {
            JsonNode spec = o.path("spec");
            if (!spec.has("taints") && !spec.path("unschedulable").asBoolean(false)) {
                return;
            }
            List<NodeTerms.Taint> list = new java.util.ArrayList<>();
            for (JsonNode t : spec.path("taints")) {
                list.add(new NodeTerms.Taint(t.path("key").asText(), t.path("value").asText(""),
                        t.path("effect").asText()));
            }
            if (spec.path("unschedulable").asBoolean(false)) {
                list.add(new NodeTerms.Taint("node.kubernetes.io/unschedulable", "", "NoSchedule"));
            }
            out.put(o.path("metadata").path("name").asText(), List.copyOf(list));
        });
        return out;
    }

    private void write(AgentNode node, boolean isReady) {
        try {
            try {
                service.create(nodes, "", node.toObject(service.now(), isReady), RequestOptions.of("kubelet"));
            } catch (ApiError e) {
                if (e.code() != 409) {
                    throw e;
                }
                service.modify(nodes, "", node.name(), o -> {
                    ObjectNode labels = (ObjectNode) o.with("metadata").with("labels");
                    node.labels().forEach(labels::put);
                    o.set("status", node.status(service.now(), isReady));
                    return o;
                });
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot write node {}: {}", node.name(), e.getMessage());
        }
    }
}
