/**
 * Record sources: the RecordSource boundary, the Mesos operator event stream source and the pure fold of operator events into cluster state.
 */
package io.strata.dns.source;
