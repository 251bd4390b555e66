/**
 * Launch benchmarks: throughput through the master to hollow agents, and the latency of a real launch on
 * the local agent compared with a plain fork/exec into cgroups.
 */
package io.strata.bench.launch;
