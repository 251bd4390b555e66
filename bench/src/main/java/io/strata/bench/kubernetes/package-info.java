/**
 * Benchmarks of the Kubernetes API server: create latency under a fixed arrival rate, gets and lists, and
 * watch fan-out latency to many watchers.
 */
package io.strata.bench.kubernetes;
