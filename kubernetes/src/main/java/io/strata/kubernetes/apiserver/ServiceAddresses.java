package io.strata.kubernetes.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.kubernetes.resources.FieldError;
import io.strata.kubernetes.resources.ObjectRules;
import io.strata.kubernetes.resources.ResourceType;
import io.strata.kubernetes.store.ObjectStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Allocates a new Service's ClusterIP (requested or the next free one of the range; none for ExternalName, the
 * literal {@code None} for headless Services) and its NodePorts, against the Services in the store.
 *
 * <p>Thread-safe: allocations are serialized (one scan of the Services at a time).
 */
final class ServiceAddresses {

    private final ObjectStore store;
    private final ClusterIpAllocator clusterIps;
    private final Object lock = new Object();

    ServiceAddresses(ObjectStore store, ClusterIpAllocator clusterIps) {
        this.store = store;
        this.clusterIps = clusterIps;
    }

    /** Sets {@code spec.clusterIP(s)} and node ports of the Service {@code o}; 422/500 when they cannot be had. */
    void allocate(ResourceType type, ObjectNode o) {
        ObjectNode spec = ObjectRules.obj(o, "spec");
        if (spec.path("type").asText().equals("ExternalName")) {
            return;
        }
        String requested = spec.path("clusterIP").asText("");
        if (requested.equals("None")) {
            spec.putArray("clusterIPs").add("None");
            return;
        }
        synchronized (lock) {
            Set<String> used = new HashSet<>();
            store.scan(type.storeKey(), null, s -> used.add(s.path("spec").path("clusterIP").asText()));
            String name = o.path("metadata").path("name").asText();
            if (!requested.isEmpty()) {
                if (!clusterIps.contains(requested)) {
                    throw ApiError.invalid(type, name, List.of(FieldError.invalid("spec.clusterIPs", requested,
                            "failed to allocate IP " + requested + ": the provided IP (" + requested
                                    + ") is not in the valid range. The range of valid IPs is " + clusterIps.cidr())));
                }
                if (used.contains(requested)) {
                    throw ApiError.invalid(type, name, List.of(FieldError.invalid("spec.clusterIPs", requested,
                            "failed to allocate IP " + requested + ": provided IP is already allocated")));
                }
            } else {
                requested = clusterIps.allocate(used);
                if (requested == null) {
                    throw ApiError.internal("failed to allocate a serviceIP: range is full");
                }
            }
            spec.put("clusterIP", requested);
            spec.putArray("clusterIPs").add(requested);
            Set<Integer> nodePorts = new HashSet<>();
            store.scan(type.storeKey(), null, s -> NodePorts.collect(s, nodePorts));
            if (NodePorts.wanted(spec) && !NodePorts.allocate(spec, nodePorts)) {
                throw ApiError.internal("failed to allocate a nodePort: range is full");
            }
        }
    }
}
