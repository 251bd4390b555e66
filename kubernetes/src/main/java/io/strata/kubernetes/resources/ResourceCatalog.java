package io.strata.kubernetes.resources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resource types this API server serves, looked up by group version and plural. */
public final class ResourceCatalog {

    private static final List<String> ALL = List.of("all");
    private static final List<String> NONE = List.of();

    private final Map<String, ResourceType> byPath = new LinkedHashMap<>();

    private ResourceCatalog(List<ResourceType> types) {
        for (ResourceType t : types) {
            byPath.put(t.apiVersion() + "/" + t.plural(), t);
        }
    }

    /** The catalog of the kinds Strata serves (core/v1, apps/v1, batch/v1, discovery.k8s.io/v1). */
    public static ResourceCatalog standard() {
        List<ResourceType> t = new ArrayList<>();
        t.add(new ResourceType("", "v1", "namespaces", "namespace", "Namespace", false, List.of("ns"), NONE,
                List.of("status", "finalize")));
        t.add(new ResourceType("", "v1", "configmaps", "configmap", "ConfigMap", true, List.of("cm"), NONE, NONE));
        t.add(new ResourceType("", "v1", "secrets", "secret", "Secret", true, NONE, NONE, NONE));
        t.add(new ResourceType("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"),
                NONE, NONE));
        t.add(new ResourceType("", "v1", "pods", "pod", "Pod", true, List.of("po"), ALL,
                List.of("status", "binding", "eviction")));
        t.add(new ResourceType("", "v1", "services", "service", "Service", true, List.of("svc"), ALL,
                List.of("status")));
        t.add(new ResourceType("", "v1", "endpoints", "endpoints", "Endpoints", true, List.of("ep"), NONE, NONE));
        t.add(new ResourceType("", "v1", "nodes", "node", "Node", false, List.of("no"), NONE, List.of("status")));
        t.add(new ResourceType("", "v1", "events", "event", "Event", true, List.of("ev"), NONE, NONE));
        t.add(new ResourceType("discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", true,
                NONE, NONE, NONE));
        t.add(new ResourceType("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), ALL,
                List.of("status", "scale")));
        t.add(new ResourceType("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"), ALL,
                List.of("status", "scale")));
        t.add(new ResourceType("batch", "v1", "jobs", "job", "Job", true, NONE, ALL, List.of("status")));
        t.add(new ResourceType("batch", "v1", "cronjobs", "cronjob", "CronJob", true, List.of("cj"), ALL,
                List.of("status")));
        return new ResourceCatalog(t);
    }

    /** The type served at {@code apiVersion} ({@code v1}, {@code apps/v1}) under {@code plural}. */
    public Optional<ResourceType> find(String apiVersion, String plural) {
        return Optional.ofNullable(byPath.get(apiVersion + "/" + plural));
    }

    /** The type of a kind in a group version, e.g. ({@code apps/v1}, {@code Deployment}). */
    public Optional<ResourceType> byKind(String apiVersion, String kind) {
        return byPath.values().stream()
                .filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind)).findFirst();
    }

    /** The type with a store key ({@code pods}, {@code apps/deployments}). */
    public Optional<ResourceType> byStoreKey(String storeKey) {
        return byPath.values().stream().filter(t -> t.storeKey().equals(storeKey)).findFirst();
    }

    /** All types in catalog order. */
    public List<ResourceType> all() {
        return List.copyOf(byPath.values());
    }

    /** The groups other than core, in catalog order. */
    public List<String> groups() {
        return byPath.values().stream().map(ResourceType::group).filter(g -> !g.isEmpty()).distinct().toList();
    }

    /** The types of one group version. */
    public List<ResourceType> inGroupVersion(String apiVersion) {
        return byPath.values().stream().filter(t -> t.apiVersion().equals(apiVersion)).toList();
    }
}
