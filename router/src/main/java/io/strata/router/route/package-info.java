/**
 * Where a request goes: {@link io.strata.router.route.Routes} maps a path to a {@link io.strata.router.route.Route}
 * (pure), and {@link io.strata.router.route.UpstreamResolver} turns a proxied route into the base URL of its
 * upstream, following the leading master ({@link io.strata.router.route.LeaderLocator}) and the frameworks and
 * labelled apps registered under a service name ({@link io.strata.router.route.ServiceDirectory}, built from
 * {@link io.strata.router.route.ServiceCatalog}), with short-lived caches refreshed on a miss.
 */
package io.strata.router.route;
