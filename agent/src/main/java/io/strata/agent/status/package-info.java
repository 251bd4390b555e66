/**
 * Reliable task status updates: each task's updates are checkpointed to {@code task.updates} in its meta
 * directory and sent head-first to the master, resent with backoff until the framework's acknowledgement
 * arrives, in order and at least once, across agent restarts.
 */
package io.strata.agent.status;
