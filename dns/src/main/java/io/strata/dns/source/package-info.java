/**
 * Record sources: the RecordSource boundary, the Mesos operator event stream source and the pure fold of operator
 * events into cluster state, and the Kubernetes Service/Endpoints list-then-watch source with its pure mapping to
 * {@code cluster.local} records.
 */
package io.strata.dns.source;
