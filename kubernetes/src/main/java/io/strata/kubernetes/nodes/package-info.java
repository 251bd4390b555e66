/**
 * Nodes: one Kubernetes Node object per Mesos agent, derived from the agent's offers (hostname, agent id,
 * resources as capacity and allocatable, attributes as {@code k8s.mesosphere.io/attribute-<name>} labels).
 */
package io.strata.kubernetes.nodes;
