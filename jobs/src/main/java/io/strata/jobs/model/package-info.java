/**
 * The job model: a job's definition ({@link io.strata.jobs.model.JobSpec}) as Chronos describes it, its durable
 * run state and history ({@link io.strata.jobs.model.JobState}, {@link io.strata.jobs.model.RunRecord}), and the
 * conversion between these values and Chronos' JSON, with validation that names the offending field.
 */
package io.strata.jobs.model;
