/**
 * Nodes: one Kubernetes Node object per Mesos agent, derived from the agent's offers (hostname, agent id,
 * attributes as {@code k8s.mesosphere.io/attribute-<name>} labels) with capacity and allocatable from the agent's
 * total resources as the master reports them ({@link io.strata.kubernetes.nodes.AgentCapacities}).
 */
package io.strata.kubernetes.nodes;
