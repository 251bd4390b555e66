package io.strata.kubernetes.controllers;

import io.strata.kubernetes.resources.ResourceCatalog;
import io.strata.kubernetes.resources.ResourceType;

/** The resource types the controllers read and write, resolved once from the catalog. */
public record Types(ResourceType pods, ResourceType replicaSets, ResourceType deployments, ResourceType jobs,
        ResourceType cronJobs, ResourceType services, ResourceType endpoints, ResourceType endpointSlices,
        ResourceType nodes) {

    /** Resolves the types from {@code catalog}. */
    public static Types of(ResourceCatalog catalog) {
        return new Types(catalog.find("v1", "pods").orElseThrow(),
                catalog.find("apps/v1", "replicasets").orElseThrow(),
                catalog.find("apps/v1", "deployments").orElseThrow(),
                catalog.find("batch/v1", "jobs").orElseThrow(),
                catalog.find("batch/v1", "cronjobs").orElseThrow(),
                catalog.find("v1", "services").orElseThrow(),
                catalog.find("v1", "endpoints").orElseThrow(),
                catalog.find("discovery.k8s.io/v1", "endpointslices").orElseThrow(),
                catalog.find("v1", "nodes").orElseThrow());
    }
}
