/**
 * The agent channel of the master ({@code POST /api/v1/agent} on the master): how agents register,
 * re-register, heartbeat and send status updates, and the events the master pushes to them on their
 * RecordIO subscription stream. Strata's own protocol, shaped like the scheduler API; hollow agents in
 * benchmarks speak it too.
 */
package io.strata.api.agent;
