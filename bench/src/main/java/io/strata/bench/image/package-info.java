/**
 * Image benchmarks: pulling and unpacking an image against {@code skopeo} + {@code umoci}, starting one image
 * container through a real agent against a raw {@code runc run}, and starting 100 containers on one agent. Each
 * is a plain {@code main()} that prints a table and removes every container, mount and cgroup it made.
 */
package io.strata.bench.image;
