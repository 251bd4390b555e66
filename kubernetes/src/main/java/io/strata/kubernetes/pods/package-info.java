/**
 * The pod runtime (the kubelet's side): a bound pod becomes one Mesos task group on its agent ({@link
 * io.strata.kubernetes.pods.PodTasks}), task status updates become the pod's status as upstream reports it ({@link
 * io.strata.kubernetes.pods.PodStatuses}), with restart policies and CrashLoopBackOff.
 */
package io.strata.kubernetes.pods;
