/**
 * {@code pods/exec} over WebSocket as kubectl 1.32 speaks it ({@code v5.channel.k8s.io}, see kubectl-wire.md section
 * 9): {@link io.strata.kubernetes.exec.PodExecEndpoint} checks the pod and container before the upgrade (answering
 * with a Status), finds the container's Mesos task and agent through {@link io.strata.kubernetes.exec.ExecTargets},
 * opens the agent's own exec WebSocket ({@code /api/v1/containers/{taskId}/exec}, docs/agent-exec.md) and then
 * {@link io.strata.kubernetes.exec.AgentExecRelay} copies the channel messages both ways unchanged.
 * {@link io.strata.kubernetes.exec.WebSocketUpgrade} is the reusable part: a Javalin WebSocket route with a check
 * before the 101 and a chosen subprotocol echoed. SPDY exec is not served (kubectl 1.32 uses it only when the
 * WebSocket attempt fails).
 */
package io.strata.kubernetes.exec;
