/**
 * The agent daemon: registers with the leading master over the agent channel, runs tasks as supervised,
 * isolated processes in sandboxes, checkpoints them and their status updates so that a restarted agent
 * re-attaches, and serves the Mesos agent endpoints (/state, /files/*).
 */
package io.strata.agent;
