/**
 * The forwarding itself, on Jetty 12: {@link io.strata.router.proxy.RoutingProxy} is Jetty's reverse
 * {@code ProxyHandler} (streaming bodies chunk by chunk, no buffering) with the router's headers, Location
 * rewriting and JSON 502s; {@link io.strata.router.proxy.UpgradeTunnel} carries HTTP/1.1 upgrades (WebSocket,
 * SPDY) as a byte tunnel between two Jetty endpoints after the upstream's 101, which Jetty's proxy does not do.
 */
package io.strata.router.proxy;
