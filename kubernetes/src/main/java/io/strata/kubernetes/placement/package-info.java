/**
 * Pod placement on the core {@link io.strata.core.placement.PlacementPipeline}: a pod's scheduling terms
 * ({@link io.strata.kubernetes.placement.PodTerms}) and a node's ({@link io.strata.kubernetes.placement.NodeTerms}),
 * the Kubernetes filters (taints and tolerations, nodeSelector and required node affinity, the public role) that run
 * before the core resources filter, the least-allocated scorer, and {@link io.strata.kubernetes.placement.PodPlacer}
 * which places a whole batch of pending pods at once and words failures as upstream's FitError. Pure: no I/O.
 */
package io.strata.kubernetes.placement;
