/**
 * The job engine: keeps every job with its state, fires schedules at their slots (through the pure
 * {@link io.strata.jobs.schedule.SchedulePlanner}), starts dependent jobs when their parents succeeded, retries
 * failed attempts, records history, and hands runs to a {@link io.strata.jobs.engine.TaskLauncher}. State is
 * persisted before any run is handed on.
 */
package io.strata.jobs.engine;
