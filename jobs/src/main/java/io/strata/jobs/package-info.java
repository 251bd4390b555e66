/**
 * The Chronos-compatible jobs framework: {@link io.strata.jobs.JobsFramework#start} runs one instance (HTTP API,
 * leader election in ZooKeeper, and, while leading, the job engine and its Mesos subscription) from a
 * {@link io.strata.jobs.JobsConfig}; {@link io.strata.jobs.JobsCommand} is {@code strata jobs}.
 */
package io.strata.jobs;
