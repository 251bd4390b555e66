/**
 * Router benchmarks: the admin router's latency and throughput overhead against direct access to the same
 * upstream, measured with wrk in one run.
 */
package io.strata.bench.router;
