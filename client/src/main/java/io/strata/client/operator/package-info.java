/**
 * A follower of the leading master's v1 operator event stream ({@code POST /api/v1 {"type":"SUBSCRIBE"}},
 * RecordIO): {@link io.strata.client.operator.OperatorEventStream} subscribes, follows the leader across failovers
 * (the address is resolved again on every connection), reconnects with exponential backoff and closes streams that
 * stay silent past three heartbeat intervals, handing every event to an
 * {@link io.strata.client.operator.OperatorEventStream.Handler} that folds them into its own model (DNS records,
 * the dashboard's summary). One implementation for every component that watches the cluster.
 */
package io.strata.client.operator;
