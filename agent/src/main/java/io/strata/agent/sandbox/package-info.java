/**
 * The agent's work directory in the Mesos layout: {@link io.strata.agent.sandbox.SandboxLayout} computes every path
 * (sandboxes under {@code slaves/<agentId>/frameworks/<fid>/executors/<eid>/runs/<cid>} and the checkpoint tree under
 * {@code meta/}), {@link io.strata.agent.sandbox.Sandboxes} creates them with their {@code stdout}/{@code stderr} files
 * and {@code latest} links, and {@link io.strata.agent.sandbox.SandboxFiles} serves the Mesos files API
 * ({@code /files/browse}, {@code /files/read}) without ever reading outside the work directory.
 */
package io.strata.agent.sandbox;
