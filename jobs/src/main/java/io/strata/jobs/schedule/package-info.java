/**
 * Pure scheduling: the ISO 8601 repeating intervals ({@code R[n]/start/period}) and cron expressions a job may be
 * scheduled by, as {@link io.strata.jobs.schedule.Trigger}s, and the {@link io.strata.jobs.schedule.SchedulePlanner}
 * that turns a trigger, the last handled slot and the current time into the run to start (if any), the slots
 * skipped and the next due time. Nothing here reads a clock or does I/O.
 */
package io.strata.jobs.schedule;
