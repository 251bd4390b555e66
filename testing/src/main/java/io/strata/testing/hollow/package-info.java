/**
 * Hollow agents: simulated agents that speak the real agent protocol ({@code POST /api/v1/agent}: a SUBSCRIBE
 * RecordIO stream, UPDATE and HEARTBEAT calls) to a real master over HTTP, but run no processes. On RUN_TASK a
 * hollow agent reports TASK_RUNNING at once (and TASK_FINISHED after a configured delay), answers KILL_TASK with
 * TASK_KILLED and counts the acknowledgements the master relays. Thousands of them share one JVM, one
 * {@link java.net.http.HttpClient} and virtual threads; {@link io.strata.testing.hollow.HollowCluster} starts and
 * stops them together. Used by the master's benchmarks and by later framework benchmarks (services, Kubernetes).
 */
package io.strata.testing.hollow;
