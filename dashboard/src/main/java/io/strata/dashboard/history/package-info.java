/**
 * The dashboard's history of CPU and memory allocation and task counters: samples of the master's
 * {@code /metrics/snapshot} taken server-side every few seconds, kept in a bounded ring, each carrying the task
 * failure rate since the previous sample as the DC/OS dashboard computed it.
 */
package io.strata.dashboard.history;
