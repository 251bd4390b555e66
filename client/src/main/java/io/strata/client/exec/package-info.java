/**
 * Client side of the exec streams (the agent's {@code /api/v1/containers/{id}/exec} and Kubernetes' pods/exec): the
 * one {@code v5.channel.k8s.io} WebSocket client ({@link io.strata.client.exec.ExecChannelClient}) and reading the
 * final Status into an exit code ({@link io.strata.client.exec.ExecStatus}).
 */
package io.strata.client.exec;
