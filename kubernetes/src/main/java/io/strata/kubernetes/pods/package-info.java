/**
 * The pod runtime (the kubelet's side): a bound pod becomes one Mesos task group on its agent ({@link
 * io.strata.kubernetes.pods.PodTasks}; init containers first in the same group, started in order by the agent), its
 * volumes Mesos volumes of the containers' tasks ({@link io.strata.kubernetes.pods.PodVolumes}: emptyDir in the
 * group's sandbox, configMap and secret keys as files), its probes the agent's health checks ({@link
 * io.strata.kubernetes.pods.Probes}), its declared container ports agent host ports ({@link
 * io.strata.kubernetes.pods.HostPorts}); what the runtime cannot run is refused at create ({@link
 * io.strata.kubernetes.pods.PodSpecRules}); task status updates become the pod's status as upstream reports it
 * ({@link io.strata.kubernetes.pods.PodRun}), with restart policies and CrashLoopBackOff.
 */
package io.strata.kubernetes.pods;
