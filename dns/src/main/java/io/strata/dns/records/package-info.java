/**
 * Pure record generation: Mesos-DNS naming rules, the cluster state they read and the immutable record sets they produce; no I/O.
 */
package io.strata.dns.records;
