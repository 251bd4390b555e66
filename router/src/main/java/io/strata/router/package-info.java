/**
 * The admin router: one HTTP entry point for the cluster (default port 7070), as DC/OS' Admin Router was.
 * {@link io.strata.router.AdminRouter} starts a Jetty server whose {@link io.strata.router.RouterHandler} maps
 * each path to a route, finds the upstream and hands the request to Jetty's proxy or the upgrade tunnel;
 * {@link io.strata.router.RouterConfig} holds the settings and {@link io.strata.router.RouterCommand} is
 * {@code strata router}.
 */
package io.strata.router;
