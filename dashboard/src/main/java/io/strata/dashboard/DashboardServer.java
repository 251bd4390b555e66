package io.strata.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.strata.api.json.Json;
import io.strata.client.HttpTransport;
import io.strata.client.MasterLocator;
import io.strata.dashboard.feed.LiveFeed;
import io.strata.dashboard.feed.OperatorStream;
import io.strata.dashboard.history.AllocationSample;
import io.strata.dashboard.history.HistoryRing;
import io.strata.dashboard.history.MetricsSampler;
import io.strata.dashboard.logs.TaskLogReader;
import io.strata.dashboard.upstream.MasterEndpoint;
import io.strata.dashboard.upstream.PassThroughProxy;
import io.strata.server.ApiException;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard's server: the single-page UI (ES modules, CSS and Chart.js from its WebJar) at {@code /}, the
 * live feed at {@code /dashboard/api/events} (Server-Sent Events fed by the master's operator event stream), the
 * allocation history at {@code /dashboard/api/history} and task logs at
 * {@code /dashboard/api/tasks/{id}/log?file=stdout&offset=N}.
 *
 * <p>The UI calls the cluster through relative paths ({@code /mesos/...}, {@code /marathon/...},
 * {@code /package/...}) that the admin router serves in production; {@link DashboardConfig} can name upstreams for
 * them so the dashboard also works on its own. API errors are JSON {@code {"message": "..."}} with a 4xx/5xx
 * status. Lifecycle: {@link #start} returns a running server; {@link #close} stops the feed, the sampler and the
 * HTTP server.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    /** The classpath folder holding the UI. */
    static final String UI_ROOT = "/io/strata/dashboard/ui";

    private final DashboardConfig config;
    private final HistoryRing history;
    private final LiveFeed feed;
    private final OperatorStream stream;
    private final MetricsSampler sampler;
    private final TaskLogReader logs;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Javalin app;

    private DashboardServer(DashboardConfig config, MasterEndpoint master) {
        this.config = config;
        this.history = new HistoryRing(config.historyCapacity());
        this.feed = new LiveFeed();
        this.stream = new OperatorStream(master, feed::summaryChanged);
        this.sampler = new MetricsSampler(() -> master.getJson("/metrics/snapshot"), history,
                InstantSource.system(), config.sampleInterval(), feed::sampled);
        this.logs = new TaskLogReader(master);
    }

    /**
     * Starts the server, the operator stream and the sampler.
     *
     * @throws IllegalStateException when the port cannot be bound (the message names host and port)
     */
    public static DashboardServer start(DashboardConfig config) {
        MasterEndpoint master = new MasterEndpoint(config.master(), MasterLocator.standard(), HttpTransport.create());
        DashboardServer server = new DashboardServer(config, master);
        server.listen();
        server.stream.start();
        server.sampler.start();
        LOG.info("dashboard at {} following the master at {}", server.url(), config.master());
        return server;
    }

    private void listen() {
        List<PassThroughProxy> proxies = new ArrayList<>();
        config.mesosUpstream().ifPresent(u -> proxies.add(new PassThroughProxy("master", "/mesos", u)));
        config.servicesUpstream().ifPresent(u -> proxies.add(new PassThroughProxy("services", "/marathon", u)));
        config.packagesUpstream().ifPresent(u -> proxies.add(new PassThroughProxy("packages", "/package", u)));
        app = Javalin.create(c -> {
            c.concurrency.useVirtualThreads = true;
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = UI_ROOT;
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "no-cache");
            });
            c.staticFiles.enableWebjars();
            routes(c.routes, proxies);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
    }

    private void routes(RoutesConfig r, List<PassThroughProxy> proxies) {
        r.get("/dashboard/api/events", feed::serve);
        r.get("/dashboard/api/history", this::history);
        r.get("/dashboard/api/summary", ctx -> ctx.json(stream.summary().toView()));
        r.get("/dashboard/api/tasks/{id}/log", this::log);
        for (PassThroughProxy proxy : proxies) {
            for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.POST, HandlerType.PUT,
                    HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD}) {
                r.addHttpHandler(method, proxy.prefix() + "/<rest>", proxy::handle);
            }
        }
        r.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        r.exception(Exception.class, (e, ctx) -> {
            LOG.error("internal error serving {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
        });
        r.error(404, ctx -> {
            if (ctx.path().startsWith("/dashboard/api/") && !"application/json".equals(ctx.contentType())) {
                error(ctx, 404, "no dashboard API at " + ctx.path());
            }
        });
    }

    private void history(Context ctx) {
        List<AllocationSample> samples = history.snapshot();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intervalSeconds", config.sampleInterval().toMillis() / 1000.0);
        body.put("capacity", history.capacity());
        body.put("samples", samples);
        ctx.json(body);
    }

    private void log(Context ctx) {
        String file = ctx.queryParam("file") == null ? "stdout" : ctx.queryParam("file");
        String offsetText = ctx.queryParam("offset");
        long offset;
        try {
            offset = offsetText == null || offsetText.isEmpty() ? -1 : Long.parseLong(offsetText);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("offset must be a whole number of bytes, not '" + offsetText + "'");
        }
        ctx.json(logs.read(ctx.pathParam("id"), file, offset));
    }

    private static void error(Context ctx, int status, String message) {
        ObjectNode body = Json.camel().createObjectNode();
        body.put("message", message);
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    /** The base URL browsers open, e.g. {@code http://127.0.0.1:7071}. */
    public URI url() {
        return URI.create("http://" + config.host() + ":" + app.port());
    }

    /** The bound port. */
    public int port() {
        return app.port();
    }

    /** The history kept so far, oldest first. */
    public List<AllocationSample> history() {
        return history.snapshot();
    }

    /** The live feed's current view of the cluster. */
    public io.strata.dashboard.feed.ClusterSummary summary() {
        return stream.summary();
    }

    /** Stops sampling and following the master, ends browsers' feeds and stops the HTTP server. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sampler.close();
        stream.close();
        feed.close();
        if (app != null) {
            app.stop();
        }
    }
}
