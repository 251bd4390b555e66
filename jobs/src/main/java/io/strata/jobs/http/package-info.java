/**
 * Chronos' REST API over the job engine, under {@code /v1/scheduler} (Chronos 3) and {@code /scheduler}
 * (Chronos 2.x): job creation, listing, search, manual runs, deletion, kills, the dependency graph, and Strata's
 * additions (a job's recent runs, {@code /metrics}). A standby answers 307 to the leader.
 */
package io.strata.jobs.http;
