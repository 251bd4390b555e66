/**
 * The pod scheduler: places pods without {@code spec.nodeName} on the agents' offers (requests, nodeSelector,
 * required node affinity, taints and tolerations, the public role), binds them and records {@code Scheduled} and
 * {@code FailedScheduling} events with upstream's wording. {@link io.strata.kubernetes.scheduler.KubernetesScheduler}
 * is the Mesos framework that also launches bound pods (see {@code io.strata.kubernetes.pods}).
 */
package io.strata.kubernetes.scheduler;
