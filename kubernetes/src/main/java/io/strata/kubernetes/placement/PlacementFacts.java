package io.strata.kubernetes.placement;

/** Looks up the Kubernetes terms behind the core pipeline's requests and candidates during one placement run. */
interface PlacementFacts {

    /** The pod of a placement request id. */
    PodTerms.Shape pod(String requestId);

    /** The node of an agent id. */
    NodeTerms node(String agentId);
}
