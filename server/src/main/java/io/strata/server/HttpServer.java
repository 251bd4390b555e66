package io.strata.server;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.strata.api.json.BadJsonException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started Javalin server on virtual threads, configured for Strata's APIs: no banner, idle timeout long
 * enough for quiet event streams, a large accept queue for reconnect storms, and errors mapped to plain-text
 * bodies ({@link ApiException} to its status, malformed JSON to 400, anything else to 500 without a stack
 * trace).
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** Streams send heartbeats every 15 s or faster; an idle connection is cut well after that. */
    private static final long IDLE_TIMEOUT_MILLIS = 300_000;
    private static final int ACCEPT_QUEUE = 1024;
    /** Request bodies above this size are refused (413). */
    public static final long MAX_REQUEST_BYTES = 16L << 20;

    private final Javalin app;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts a server on host:port (port 0 picks a free one) with the given routes.
     *
     * @throws IllegalStateException when the port cannot be bound (message names host and port)
     */
    public static HttpServer start(String host, int port, Consumer<RoutesConfig> routes) {
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jetty.modifyHttpConfiguration(http -> {
                // Jetty keeps a header-field cache per connection (a trie of ~24 KB at the default size): with
                // one long-lived connection per agent and framework stream it is the largest per-connection cost.
                http.setHeaderCacheSize(0);
                // event streams flush per burst; a smaller aggregation buffer per open response saves memory
                http.setOutputBufferSize(8 * 1024);
            });
            config.jetty.addConnector((server, httpConfig) -> {
                ServerConnector connector = new ServerConnector(server);
                connector.setHost(host);
                connector.setPort(port);
                connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                connector.setReuseAddress(true);
                return connector;
            });
            config.routes.exception(ApiException.class, (e, ctx) -> {
                ctx.status(e.status()).contentType("text/plain; charset=utf-8").result(e.getMessage());
            });
            config.routes.exception(BadJsonException.class, (e, ctx) -> {
                ctx.status(400).contentType("text/plain; charset=utf-8").result(e.getMessage());
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("internal error serving {} {}", ctx.method(), ctx.path(), e);
                ctx.status(500).contentType("text/plain; charset=utf-8")
                        .result("Internal error: " + e.getClass().getSimpleName());
            });
            routes.accept(config.routes);
        });
        try {
            // port -1: only our own connector above is used
            app.start(host, -1 == port ? 0 : port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
        }
        return new HttpServer(app);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** The bound port of Strata's connector. */
    public int port() {
        for (var connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof ServerConnector sc && sc.getLocalPort() > 0) {
                return sc.getLocalPort();
            }
        }
        throw new IllegalStateException("server has no bound connector");
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            app.stop();
        }
    }
}
