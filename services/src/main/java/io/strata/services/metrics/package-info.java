/**
 * The framework's own cost, measured where it is spent: latency timers (offer arrival to ACCEPT sent, status update
 * queueing and handling on the engine thread, scheduler call answers) and counters, written in the Codahale
 * metrics JSON shape Marathon's {@code GET /metrics} uses, so benchmarks can separate the framework's share of a
 * deployment from the master's.
 */
package io.strata.services.metrics;
