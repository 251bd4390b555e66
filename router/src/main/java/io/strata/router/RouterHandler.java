package io.strata.router;

import io.strata.api.json.Json;
import io.strata.router.health.HealthCheck;
import io.strata.router.proxy.ErrorResponses;
import io.strata.router.proxy.ProxyTarget;
import io.strata.router.proxy.RoutingProxy;
import io.strata.router.proxy.UpgradeTunnel;
import io.strata.router.route.Lookup;
import io.strata.router.route.Route;
import io.strata.router.route.Routes;
import io.strata.router.route.UpstreamResolver;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * The router's one Jetty handler: matches the path ({@link Routes}), resolves the upstream (which may block
 * briefly on a cache refresh, hence a blocking handler) and hands the request to Jetty's proxy, the upgrade
 * tunnel, the health check or the dashboard files. Unknown services are a JSON 404 and unreachable ones a JSON
 * 502, both naming the service.
 */
final class RouterHandler extends Handler.Abstract {
    private final UpstreamResolver resolver;
    private final RoutingProxy proxy;
    private final UpgradeTunnel tunnel;
    private final HealthCheck health;
    private final DashboardAssets dashboard = new DashboardAssets();

    RouterHandler(UpstreamResolver resolver, RoutingProxy proxy, UpgradeTunnel tunnel, HealthCheck health) {
        super(InvocationType.BLOCKING);
        this.resolver = resolver;
        this.proxy = proxy;
        this.tunnel = tunnel;
        this.health = health;
        addManaged(proxy);
        addManaged(tunnel);
    }

    @Override
    public void setServer(Server server) {
        super.setServer(server);
        proxy.setServer(server);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        Route route = Routes.match(path);
        switch (route) {
            case Route.Proxy p -> proxy(request, response, callback, p, path);
            case Route.Health h -> json(response, callback, health.report());
            case Route.Dashboard d -> dashboard.handle(request, response, callback, path);
            case Route.Redirect r -> redirect(request, response, callback, r.location());
            case Route.NotFound n -> ErrorResponses.write(response, callback, 404, null, n.message());
        }
        return true;
    }

    private void proxy(Request request, Response response, Callback callback, Route.Proxy route, String path) {
        Lookup lookup = resolver.resolve(route);
        switch (lookup) {
            case Lookup.Found found -> {
                ProxyTarget target = new ProxyTarget(route.service(), route.prefix(), found.base(),
                        route.strip(path), request.getHttpURI().getQuery());
                request.setAttribute(ProxyTarget.ATTRIBUTE, target);
                if (UpgradeTunnel.isUpgrade(request)) {
                    tunnel.handle(request, response, callback, target, t -> resolver.upstreamFailed(route));
                } else {
                    proxy.handle(request, response, callback);
                }
            }
            case Lookup.Unknown unknown -> ErrorResponses.write(response, callback, 404, route.service(),
                    unknown.message());
            case Lookup.Unavailable unavailable -> ErrorResponses.write(response, callback, 502, route.service(),
                    unavailable.message());
        }
    }

    private static void redirect(Request request, Response response, Callback callback, String location) {
        String query = request.getHttpURI().getQuery();
        response.setStatus(301);
        response.getHeaders().put(HttpHeader.LOCATION, query == null ? location : location + "?" + query);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        callback.succeeded();
    }

    private static void json(Response response, Callback callback, Object body) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(Json.toBytes(body)), callback);
    }
}
