/** Benchmarks of the Chronos-compatible jobs framework: schedule slip with many jobs on hollow agents. */
package io.strata.bench.jobs;
