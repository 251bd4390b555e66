package io.strata.agent.exec;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.strata.agent.Agent;
import io.strata.api.json.Json;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Mounts {@code GET /api/v1/containers/{taskId}/exec} and {@code .../portforward} on the agent's server. Checks run
 * before the WebSocket upgrade and answer with a JSON error ({@code {"code":404,"message":...}}): an unknown task
 * 404, a task that ended or has not started 409, bad parameters 400, an exec without a channel subprotocol 400. On
 * success the 101 echoes {@code v5.channel.k8s.io} (or {@code v4.channel.k8s.io} when only that is offered) and an
 * {@link ExecSession} or {@link PortForwardSession} serves the connection.
 */
public final class ExecRoutes {
    /** The exec endpoint. */
    public static final String EXEC_PATH = "/api/v1/containers/{taskId}/exec";
    /** The port-forward endpoint. */
    public static final String PORT_FORWARD_PATH = "/api/v1/containers/{taskId}/portforward";
    /** How long a session may stay silent (the kubelet's default streaming idle timeout). */
    public static final Duration IDLE_TIMEOUT = Duration.ofHours(4);

    private static final String SESSION = "strata.exec.session";
    private final TaskLocator locator;
    /** Open sessions by WebSocket session id; a session leaves on close or error. */
    private final Map<String, StreamSession> open = new ConcurrentHashMap<>();

    /** Routes entering the tasks of {@code agent}. */
    public ExecRoutes(Agent agent) {
        this.locator = new TaskLocator(agent);
    }

    /** Adds both endpoints to {@code r}. */
    public void register(RoutesConfig r) {
        r.wsBeforeUpgrade(EXEC_PATH, this::admitExec);
        r.ws(EXEC_PATH, this::serve);
        r.wsBeforeUpgrade(PORT_FORWARD_PATH, this::admitPortForward);
        r.ws(PORT_FORWARD_PATH, this::serve);
    }

    private void admitExec(Context ctx) {
        String protocol = chosenProtocol(ctx.header("Sec-WebSocket-Protocol"));
        if (protocol == null) {
            reject(ctx, 400, "exec needs the WebSocket subprotocol " + Channels.V5 + " or " + Channels.V4);
            return;
        }
        ExecRequest request;
        try {
            request = ExecRequest.fromQuery(ctx.queryParamMap());
        } catch (IllegalArgumentException e) {
            reject(ctx, 400, e.getMessage());
            return;
        }
        TaskEntry entry = running(ctx);
        if (entry == null) {
            return;
        }
        ctx.res().setHeader("Sec-WebSocket-Protocol", protocol);
        ctx.attribute(SESSION, (Function<FrameSink, StreamSession>) sink -> new ExecSession(request, entry, sink));
    }

    private void admitPortForward(Context ctx) {
        String value = ctx.queryParam("port");
        int port;
        try {
            port = Integer.parseInt(value == null ? "" : value);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65_535) {
            reject(ctx, 400, "query parameter 'port' must be a port number in 1..65535, not '" + value + "'");
            return;
        }
        TaskEntry entry = running(ctx);
        if (entry == null) {
            return;
        }
        int target = port;
        ctx.attribute(SESSION, (Function<FrameSink, StreamSession>) sink -> new PortForwardSession(entry, target,
                sink));
    }

    /** The running task's entry, or null after rejecting the request. */
    private TaskEntry running(Context ctx) {
        return switch (locator.locate(ctx.pathParam("taskId"))) {
            case TaskLocator.Located.Running running -> running.entry();
            case TaskLocator.Located.Unknown unknown -> {
                reject(ctx, 404, unknown.message());
                yield null;
            }
            case TaskLocator.Located.NotRunning notRunning -> {
                reject(ctx, 409, notRunning.message());
                yield null;
            }
        };
    }

    private static void reject(Context ctx, int code, String message) {
        byte[] body = Json.toBytes(Json.mesos().createObjectNode().put("code", code).put("message", message));
        ctx.res().setHeader("Sec-WebSocket-Protocol", null);
        ctx.skipRemainingHandlers();
        // written to the servlet response: a result set on a WebSocket request's context is not sent
        try {
            ctx.res().setStatus(code);
            ctx.res().setContentType("application/json");
            ctx.res().setContentLength(body.length);
            ctx.res().getOutputStream().write(body);
            ctx.res().flushBuffer();
        } catch (java.io.IOException gone) {
            // the client went away: nothing to answer
        }
    }

    /** v5 when offered, else v4 when offered, else null. */
    static String chosenProtocol(String offered) {
        if (offered == null) {
            return null;
        }
        List<String> protocols = Arrays.stream(offered.split(",")).map(String::strip).toList();
        return protocols.contains(Channels.V5) ? Channels.V5 : protocols.contains(Channels.V4) ? Channels.V4 : null;
    }

    private void serve(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.session.setIdleTimeout(IDLE_TIMEOUT);
            Function<FrameSink, StreamSession> factory = ctx.attribute(SESSION);
            if (factory == null) {
                ctx.closeSession(1011, "no session was admitted for this connection");
                return;
            }
            StreamSession session = factory.apply(new SessionSink(ctx.session));
            open.put(ctx.sessionId(), session);
            session.start();
        });
        ws.onBinaryMessage(ctx -> {
            StreamSession session = open.get(ctx.sessionId());
            if (session != null) {
                session.onMessage(ctx.data());
            }
        });
        ws.onClose(ctx -> closeSession(ctx));
        ws.onError(ctx -> closeSession(ctx));
    }

    private void closeSession(WsContext ctx) {
        StreamSession session = open.remove(ctx.sessionId());
        if (session != null) {
            session.close();
        }
    }
}
