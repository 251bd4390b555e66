/**
 * What this host offers to the cluster: {@link io.strata.agent.fingerprint.Fingerprinter} measures CPUs, memory, disk
 * of the work directory's file system, the default port range and NVIDIA GPUs, leaving the Mesos reserves for the
 * system (memory: {@code min(1 GiB, 50%)}, disk: {@code min(5 GiB, 50%)}). The arithmetic and the parsing of
 * {@code /proc/meminfo} and {@code nvidia-smi} output are pure functions; the I/O is a thin edge that never fails the
 * agent (a missing GPU tool simply means zero GPUs).
 */
package io.strata.agent.fingerprint;
