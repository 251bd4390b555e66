/**
 * {@code pods/exec} as kubectl and other clients speak it (kubectl-wire.md section 9): over WebSocket with any of the
 * channel protocols of {@link io.strata.kubernetes.exec.ClientProtocol} ({@code v5.channel.k8s.io}, v4, and the older
 * {@code channel.k8s.io} and base64 variants, re-framed by {@link io.strata.kubernetes.exec.WebSocketChannels}), or
 * over SPDY/3.1 streams ({@link io.strata.kubernetes.exec.SpdyExecSession}, kubectl's fallback).
 * {@link io.strata.kubernetes.exec.PodExecEndpoint} checks the pod and container before the upgrade (answering with a
 * Status), finds the container's Mesos task and agent through {@link io.strata.kubernetes.exec.ExecTargets}, opens the
 * agent's own exec WebSocket ({@code /api/v1/containers/{taskId}/exec}, docs/agent-exec.md) and then
 * {@link io.strata.kubernetes.exec.AgentExecRelay} copies the channel messages both ways to a
 * {@link io.strata.kubernetes.exec.ChannelPeer}. {@link io.strata.kubernetes.exec.WebSocketUpgrade} is the reusable
 * part: a Javalin WebSocket route with a check before the 101 and a chosen subprotocol echoed.
 */
package io.strata.kubernetes.exec;
