/**
 * {@code pods/portforward}: kubectl's SPDY/3.1 port-forward protocol ({@link
 * io.strata.kubernetes.portforward.PortForwardSession}) carried in a WebSocket with the subprotocol {@code
 * SPDY/3.1+portforward.k8s.io} ({@link io.strata.kubernetes.portforward.PortForwardEndpoint}), or on the raw socket
 * after a {@code POST} upgraded to {@code SPDY/3.1} (kubectl's fallback, older kubectl's only transport). Each forwarded
 * connection is a pair of streams (error, data) sharing a request id; the data stream is piped to the pod's port
 * through a {@link io.strata.kubernetes.portforward.PortDialer}: the pod's agent's container port-forward WebSocket in
 * production ({@link io.strata.kubernetes.portforward.AgentPortDialer}), a plain TCP address in tests ({@link
 * io.strata.kubernetes.portforward.TcpPortDialer}).
 */
package io.strata.kubernetes.portforward;
