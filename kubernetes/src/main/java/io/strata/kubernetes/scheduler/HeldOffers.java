package io.strata.kubernetes.scheduler;

import io.strata.api.mesos.Offer;
import io.strata.api.mesos.OfferId;
import io.strata.core.resources.Resource;
import io.strata.core.resources.Resources;
import io.strata.kubernetes.nodes.AgentNode;
import io.strata.kubernetes.placement.NodeTerms;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offers the scheduler holds for pods to come: the newest offer per agent, with what is still free of it in this
 * pass, until it is used, replaced, rescinded or older than the hold time.
 *
 * <p>Not thread-safe: the scheduler's loop thread only.
 */
final class HeldOffers {

    /** An offer held for pods to come; {@code free} is {cpus, mem MiB}, reduced as pods are launched on it. */
    record Held(Offer offer, AgentNode node, long receivedMillis, double[] free) {
    }

    private final Map<String, Held> held = new LinkedHashMap<>();

    /** Holds {@code offer} as its agent's newest; returns the offer it replaces (to decline), if any. */
    Optional<OfferId> hold(Offer offer, AgentNode node, long nowMillis) {
        Held old = held.put(offer.agentId().value(), new Held(offer, node, nowMillis, free(offer)));
        return old == null ? Optional.empty() : Optional.of(old.offer().id());
    }

    /** Forgets a rescinded offer. */
    void rescind(OfferId offer) {
        held.values().removeIf(h -> h.offer().id().equals(offer));
    }

    /** Forgets every offer (the subscription ended: its offers are void). */
    void clear() {
        held.clear();
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    int size() {
        return held.size();
    }

    Collection<Held> all() {
        return held.values();
    }

    /** The held offer of an agent, if any. */
    Held get(String agentId) {
        return held.get(agentId);
    }

    /** Takes an agent's offer out to use it. */
    Held take(String agentId) {
        return held.remove(agentId);
    }

    /** Removes and returns the offers held longer than {@code holdMillis} (to decline). */
    List<Held> expire(long nowMillis, long holdMillis) {
        List<Held> expired = new ArrayList<>();
        for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (nowMillis - h.receivedMillis() > holdMillis) {
                it.remove();
                expired.add(h);
            }
        }
        return expired;
    }

    /** The held offers by node name: one index per pass, not a scan of the offers per pod. */
    Map<String, Held> byNode() {
        Map<String, Held> out = new HashMap<>(held.size() * 2);
        for (Held h : held.values()) {
            out.put(h.node().name(), h);
        }
        return out;
    }

    /** The held offer on a node, or null. */
    Held onNode(String nodeName) {
        for (Held h : held.values()) {
            if (h.node().name().equals(nodeName)) {
                return h;
            }
        }
        return null;
    }

    /** The node of a held offer, by node name. */
    Optional<AgentNode> node(String nodeName) {
        Held h = onNode(nodeName);
        return h == null ? Optional.empty() : Optional.of(h.node());
    }

    /** Every held offer as placement sees it, with the taints of its node. */
    List<NodeTerms> candidates(Map<String, List<NodeTerms.Taint>> taints) {
        List<NodeTerms> candidates = new ArrayList<>(held.size());
        for (Held h : held.values()) {
            candidates.add(terms(h, taints.getOrDefault(h.node().name(), List.of())));
        }
        return candidates;
    }

    /** A held offer as placement sees it: free now, total from the node (public agents' resources in their role). */
    private static NodeTerms terms(Held h, List<NodeTerms.Taint> taints) {
        AgentNode n = h.node();
        String role = n.publicRole() ? AgentNode.PUBLIC_ROLE : "*";
        Resources free = Resources.of(Resource.scalar(Resource.CPUS, role, Math.max(0, h.free()[0])),
                Resource.scalar(Resource.MEM, role, Math.max(0, h.free()[1])));
        Resources total = Resources.of(Resource.scalar(Resource.CPUS, role, Math.max(n.cpus(), h.free()[0])),
                Resource.scalar(Resource.MEM, role, Math.max(n.memMb(), h.free()[1])));
        return new NodeTerms(n.agentId(), n.name(), n.labels(), taints, n.publicRole(), free, total);
    }

    /** The cpus and memory (MiB) of an offer, over all roles. */
    static double[] free(Offer offer) {
        double cpus = 0;
        double mem = 0;
        for (io.strata.api.mesos.Resource r : offer.resources()) {
            if (r.scalar() != null && r.name().equals("cpus")) {
                cpus += r.scalar().value();
            } else if (r.scalar() != null && r.name().equals("mem")) {
                mem += r.scalar().value();
            }
        }
        return new double[] {cpus, mem};
    }
}
