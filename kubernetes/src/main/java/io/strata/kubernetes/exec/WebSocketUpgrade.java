package io.strata.kubernetes.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import io.strata.kubernetes.apiserver.ApiError;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A WebSocket route whose request is checked before the upgrade: the {@link Admission} either throws an
 * {@link ApiError} (answered as a Kubernetes Status with its code, no 101: kubectl then prints the message or tries
 * SPDY) or returns the {@link Connection} that serves the upgraded socket. The first of {@code subprotocols} that the
 * client offers is echoed in {@code Sec-WebSocket-Protocol} (kubectl requires the echo); a client offering none of
 * them gets 400. Register it before any broader WebSocket route (Javalin picks the first match).
 *
 * <p>Threading: {@link Connection#opened} runs once on Jetty's thread; message calls are serial;
 * {@link Connection#closed} is called once when the client closes or the connection fails.
 */
public final class WebSocketUpgrade {
    /** The kubelet's default idle timeout of streaming connections. */
    public static final Duration IDLE_TIMEOUT = Duration.ofHours(4);
    private static final String CONNECTION = "strata.websocket.connection";
    private static final String PROTOCOL = "strata.websocket.protocol";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_MESSAGE = 16L << 20;

    /** Decides before the upgrade whether and how a request is served. */
    @FunctionalInterface
    public interface Admission {
        /**
         * Checks the request and prepares its connection.
         *
         * @throws ApiError to refuse it with that Status
         */
        Connection admit(Context ctx);
    }

    /** The server side of one upgraded connection. */
    public interface Connection {
        /** The socket is open; {@code peer} sends to the client. */
        void opened(WebSocketPeer peer);

        /** One binary message from the client (a fresh buffer the connection may keep). */
        void onMessage(ByteBuffer message);

        /** One text message from the client; ignored unless the protocol has text messages. */
        default void onText(String message) {
        }

        /** The client closed or the connection failed; free everything; called once. */
        void closed(int code, String reason);
    }

    private final List<String> subprotocols;
    private final Admission admission;
    private final Map<String, Connection> open = new ConcurrentHashMap<>();

    private WebSocketUpgrade(List<String> subprotocols, Admission admission) {
        this.subprotocols = List.copyOf(subprotocols);
        this.admission = admission;
    }

    /**
     * Registers {@code path} on {@code r}.
     *
     * @param subprotocols the accepted subprotocols in order of preference; empty accepts any offer (echoing the
     *     first) or none
     * @return the route, to {@link #close()} its open connections on shutdown
     */
    public static WebSocketUpgrade register(RoutesConfig r, String path, List<String> subprotocols,
            Admission admission) {
        WebSocketUpgrade route = new WebSocketUpgrade(subprotocols, admission);
        r.wsBeforeUpgrade(path, route::beforeUpgrade);
        r.ws(path, ws -> {
            ws.onConnect(route::connected);
            ws.onBinaryMessage(ctx -> {
                Connection c = route.open.get(ctx.sessionId());
                if (c != null) {
                    ByteBuffer data = ctx.data();
                    ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
                    c.onMessage(copy);
                }
            });
            ws.onMessage(ctx -> {
                Connection c = route.open.get(ctx.sessionId());
                if (c != null) {
                    c.onText(ctx.message());
                }
            });
            ws.onClose(ctx -> route.ended(ctx, ctx.status(), ctx.reason() == null ? "" : ctx.reason()));
            ws.onError(ctx -> route.ended(ctx, 1011, "error"));
        });
        return route;
    }

    /** The number of open connections. */
    public int openConnections() {
        return open.size();
    }

    /** Ends every open connection (as if each client had gone away). */
    public void close() {
        open.keySet().forEach(id -> {
            Connection c = open.remove(id);
            if (c != null) {
                c.closed(1001, "server shutting down");
            }
        });
    }

    private void beforeUpgrade(Context ctx) {
        String chosen = choose(ctx.header("Sec-WebSocket-Protocol"));
        try {
            if (chosen == null) {
                throw ApiError.badRequest("the WebSocket subprotocol must be one of " + subprotocols);
            }
            Connection connection = admission.admit(ctx);
            ctx.res().setHeader("Sec-WebSocket-Protocol", chosen.isEmpty() ? null : chosen);
            ctx.attribute(CONNECTION, connection);
            ctx.attribute(PROTOCOL, chosen);
        } catch (ApiError e) {
            refuse(ctx, e);
        }
    }

    /** The subprotocol to echo ("" for none), or null when the offer contains none of ours. */
    String choose(String offered) {
        List<String> offers = offered == null ? List.of() : Arrays.stream(offered.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        if (subprotocols.isEmpty()) {
            return offers.isEmpty() ? "" : offers.get(0);
        }
        return subprotocols.stream().filter(offers::contains).findFirst().orElse(null);
    }

    private static void refuse(Context ctx, ApiError e) {
        ctx.res().setHeader("Sec-WebSocket-Protocol", null);
        ctx.skipRemainingHandlers();
        // written to the servlet response: a result set on a WebSocket request's context is not sent
        try {
            byte[] body = JSON.writeValueAsBytes(e.status());
            ctx.res().setStatus(e.code());
            ctx.res().setContentType("application/json");
            ctx.res().setContentLength(body.length);
            ctx.res().getOutputStream().write(body);
            ctx.res().flushBuffer();
        } catch (java.io.IOException gone) {
            // the client went away: nothing to answer
        }
    }

    private void connected(WsContext ctx) {
        ctx.session.setIdleTimeout(IDLE_TIMEOUT);
        ctx.session.setMaxBinaryMessageSize(MAX_MESSAGE);
        Connection c = ctx.attribute(CONNECTION);
        if (c == null) {
            ctx.closeSession(1011, "connection was not admitted");
            return;
        }
        String protocol = ctx.attribute(PROTOCOL);
        open.put(ctx.sessionId(), c);
        c.opened(new WebSocketPeer(ctx.session, protocol == null ? "" : protocol));
    }

    private void ended(WsContext ctx, int code, String reason) {
        Connection c = open.remove(ctx.sessionId());
        if (c != null) {
            c.closed(code, reason);
        }
    }
}
