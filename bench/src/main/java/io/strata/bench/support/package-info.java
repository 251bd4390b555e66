/**
 * What the simulation benchmarks share: a framework that launches tasks as fast as offers allow and records
 * ACCEPT-to-TASK_RUNNING latencies, an in-process ZooKeeper plus master, a master in a child JVM (for honest
 * heap figures), and percentile tables.
 */
package io.strata.bench.support;
