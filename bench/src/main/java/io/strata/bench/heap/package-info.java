/**
 * The master heap benchmark: a master in a child JVM (so that its heap holds nothing but the master) with
 * 10,000 hollow agents and 100,000 running tasks driven from the benchmark's JVM.
 */
package io.strata.bench.heap;
