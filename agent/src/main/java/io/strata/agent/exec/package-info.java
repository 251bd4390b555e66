/**
 * Entering a running task: {@code GET /api/v1/containers/{taskId}/exec} runs a command inside the task's container
 * (an image task through {@code runc exec}, a plain task in its cgroups and namespaces with its environment and its
 * sandbox as working directory) and {@code GET /api/v1/containers/{taskId}/portforward} relays a TCP stream to a port
 * of the task's network namespace, both over a WebSocket that speaks the Kubernetes channel protocol
 * ({@code v5.channel.k8s.io}, see {@link io.strata.agent.exec.Channels}). {@link io.strata.agent.exec.TaskLocator}
 * finds what to enter, {@link io.strata.agent.exec.TaskEntry} turns it into a command line, and
 * {@link io.strata.agent.exec.ExecSession} / {@link io.strata.agent.exec.PortForwardSession} pump the bytes;
 * {@link io.strata.agent.exec.ExecRoutes} mounts the endpoints. The contract is written down in
 * {@code docs/agent-exec.md}.
 */
package io.strata.agent.exec;
