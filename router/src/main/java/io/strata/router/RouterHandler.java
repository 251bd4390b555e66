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
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * The router's one Jetty handler: matches the path ({@link Routes}), resolves the upstream and hands the request
 * to Jetty's proxy, the upgrade tunnel, the health check or the dashboard files. Unknown services are a JSON 404
 * and unreachable ones a JSON 502, both naming the service.
 *
 * <p>Non-blocking: a request whose upstream is known from configuration or a fresh cache entry is proxied on the
 * thread that parsed it (Jetty's proxy is asynchronous); a lookup that must go to the network, the health check
 * and file reads are handed to the server's thread pool.
 */
final class RouterHandler extends Handler.Abstract {
    private final UpstreamResolver resolver;
    private final RoutingProxy proxy;
    private final UpgradeTunnel tunnel;
    private final HealthCheck health;
    private final DashboardAssets dashboard = new DashboardAssets();
    private final Artifacts artifacts = Artifacts.ofRunningJar();

    RouterHandler(UpstreamResolver resolver, RoutingProxy proxy, UpgradeTunnel tunnel, HealthCheck health) {
        super(InvocationType.NON_BLOCKING);
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
            case Route.Proxy p -> {
                Optional<Lookup> known = resolver.resolveCached(p);
                if (known.isPresent()) {
                    proxy(request, response, callback, p, path, known.get());
                } else {
                    blocking(() -> proxy(request, response, callback, p, path, resolver.resolve(p)), callback);
                }
            }
            case Route.Health h -> blocking(() -> json(response, callback, health.report()), callback);
            case Route.Artifact a -> blocking(() -> artifacts.handle(request, response, callback, a.name()), callback);
            case Route.Dashboard d -> dashboard(request, response, callback, path);
            case Route.Redirect r -> redirect(request, response, callback, r.location());
            case Route.NotFound n -> ErrorResponses.write(response, callback, 404, null, n.message());
        }
        return true;
    }

    /** {@code /} and other paths: the dashboard server when one is configured, else the classpath files. */
    private void dashboard(Request request, Response response, Callback callback, String path) {
        Optional<java.net.URI> server = resolver.dashboard();
        if (server.isPresent()) {
            Route.Proxy route = new Route.Proxy("dashboard", "/dashboard", Route.Upstream.DASHBOARD);
            proxy(request, response, callback, route, path, new Lookup.Found(server.get()));
        } else {
            blocking(() -> dashboard.handle(request, response, callback, path), callback);
        }
    }

    /** Runs work that may block on the server's thread pool, failing the exchange if it throws. */
    private void blocking(Runnable work, Callback callback) {
        getServer().getThreadPool().execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                callback.failed(e);
            }
        });
    }

    private void proxy(Request request, Response response, Callback callback, Route.Proxy route, String path,
                       Lookup lookup) {
        switch (lookup) {
            case Lookup.Found found -> {
                // an upstream serving the whole path gets no prefix to strip, forward or map Locations under
                String prefix = route.upstream().keepsPrefix() ? "" : route.prefix();
                ProxyTarget target = new ProxyTarget(route.service(), prefix, found.base(), route.strip(path),
                        request.getHttpURI().getQuery());
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
