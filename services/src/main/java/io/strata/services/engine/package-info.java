/**
 * The leading instance's scheduler: one engine thread owning the state, the Mesos subscription with failover,
 * offer handling through the core placement pipeline, task building, framework-run health checks, Marathon
 * events, and the API's commands. Effects live here; decisions come from {@code io.strata.services.reconcile}.
 */
package io.strata.services.engine;
