package io.strata.router.proxy;

import java.net.URI;

/**
 * Maps an upstream's {@code Location} back under the router, as nginx' {@code proxy_redirect} did: an absolute URL
 * on the upstream's origin (or, when {@code anyOrigin}, on any origin, used for masters redirecting to a new leader)
 * becomes {@code <prefix><path>}; an absolute path becomes {@code <prefix><path>}; anything else is kept.
 */
final class LocationRewriter {
    private LocationRewriter() {
    }

    static String rewrite(String location, ProxyTarget target, boolean anyOrigin) {
        if (location.startsWith("/") && !location.startsWith("//")) {
            return target.prefix() + stripBasePath(location, target);
        }
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            return location;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return location;
        }
        if (!anyOrigin && !RoutingProxy.origin(uri).equalsIgnoreCase(RoutingProxy.origin(target.base()))) {
            return location;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return target.prefix() + stripBasePath(path, target) + query;
    }

    private static String stripBasePath(String path, ProxyTarget target) {
        String base = target.base().getRawPath();
        if (base != null && !base.isEmpty() && path.startsWith(base)) {
            String rest = path.substring(base.length());
            return rest.isEmpty() ? "/" : rest;
        }
        return path;
    }
}
