/**
 * The service proxy (kube-proxy in userspace mode): it follows Services and Endpoints through the API server's HTTP
 * API ({@link io.strata.kubernetes.proxy.ObjectWatch}), derives which address and port forward where
 * ({@link io.strata.kubernetes.proxy.ProxyRules}, pure), listens on every ClusterIP:port and on the node's address at
 * every nodePort, and relays each TCP connection to the next ready endpoint in round-robin order
 * ({@link io.strata.kubernetes.proxy.PortListener}). {@link io.strata.kubernetes.proxy.ServiceProxy} owns the
 * lifecycle; {@code strata kubernetes proxy --api URL} runs one per agent.
 */
package io.strata.kubernetes.proxy;
