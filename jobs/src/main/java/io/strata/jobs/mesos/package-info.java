/**
 * The Mesos side of the jobs framework: one subscription to the master's v1 scheduler API as framework
 * {@code chronos} (with failover of a stored framework id, reconnection and reconciliation), matching queued
 * attempts to offers (resources and Chronos constraints through core's {@code ConstraintFilter}), launching them
 * as command tasks, and passing status updates to the engine.
 */
package io.strata.jobs.mesos;
