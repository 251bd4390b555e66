/**
 * The pod runtime (the kubelet's side): a bound pod becomes one Mesos task group on its agent ({@link
 * io.strata.kubernetes.pods.PodTasks}; init containers first, one group each), its probes the agent's health checks
 * ({@link io.strata.kubernetes.pods.Probes}), its declared container ports agent host ports ({@link
 * io.strata.kubernetes.pods.HostPorts}); task status updates become the pod's status as upstream reports it ({@link
 * io.strata.kubernetes.pods.PodRun}), with restart policies and CrashLoopBackOff.
 */
package io.strata.kubernetes.pods;
