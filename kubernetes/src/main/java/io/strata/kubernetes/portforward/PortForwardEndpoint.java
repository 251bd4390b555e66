package io.strata.kubernetes.portforward;

import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Serves {@code GET /api/v1/namespaces/{namespace}/pods/{name}/portforward} as kubectl 1.32 calls it: a WebSocket
 * with the subprotocol {@code SPDY/3.1+portforward.k8s.io} (echoed in the 101 answer) whose binary messages carry a
 * SPDY/3.1 byte stream, split anywhere. Each session gets a {@link PortForwardSession}; its dialer is chosen per
 * pod by {@code dialers} (by default: the pod's agent, found through {@link PodTargets}).
 */
public final class PortForwardEndpoint implements AutoCloseable {

    /** The only subprotocol kubectl 1.32 offers for port-forward over WebSocket. */
    public static final String SUBPROTOCOL = "SPDY/3.1+portforward.k8s.io";
    /** The route, in Javalin's path syntax. */
    public static final String PATH = "/api/v1/namespaces/{namespace}/pods/{name}/portforward";
    /** Upstream's default idle timeout of streaming connections (the kubelet's streamingConnectionIdleTimeout). */
    static final Duration IDLE_TIMEOUT = Duration.ofHours(4);
    private static final long MAX_MESSAGE = 16L << 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();
    private final Map<String, PortForwardSession> sessions = new ConcurrentHashMap<>();
    private volatile BiFunction<String, String, PortDialer> dialers;

    /** An endpoint whose pods are not known yet (every dial fails until {@link #targets} is set). */
    public PortForwardEndpoint() {
        targets((namespace, pod) -> java.util.Optional.empty());
    }

    /** Resolves pods through {@code targets} and reaches them through their agents. */
    public void targets(PodTargets targets) {
        Objects.requireNonNull(targets, "targets");
        dialers((namespace, pod) -> (port, receiver) -> {
            PodTarget t = targets.find(namespace, pod).orElseThrow(() -> new IOException("pod " + namespace
                    + "/" + pod + " has no running container"));
            return new AgentPortDialer(http, t.agent(), t.taskId()).dial(port, receiver);
        });
    }

    /** Uses {@code dialers} (namespace, pod) to reach pods: a plain TCP address in tests. */
    public void dialers(BiFunction<String, String, PortDialer> dialers) {
        this.dialers = Objects.requireNonNull(dialers, "dialers");
    }

    /** The subprotocol kubectl names in {@code X-Stream-Protocol-Version} for port-forward over plain SPDY. */
    public static final String SPDY_PROTOCOL = "portforward.k8s.io";

    /**
     * {@code POST} with {@code Upgrade: SPDY/3.1}: answers 101 ({@code X-Stream-Protocol-Version:
     * portforward.k8s.io}) and switches the connection to SPDY; 400 for a POST that asks for no SPDY upgrade or for
     * another stream protocol.
     */
    public void post(Context ctx) {
        String upgrade = String.valueOf(ctx.header("Upgrade"));
        if (!upgrade.toUpperCase(java.util.Locale.ROOT).contains("SPDY/3.1")) {
            badRequest(ctx, "port-forward needs an upgrade to SPDY/3.1 or a WebSocket with the subprotocol "
                    + SUBPROTOCOL);
            return;
        }
        if (!java.util.Collections.list(ctx.req().getHeaders("X-Stream-Protocol-Version")).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip)
                .anyMatch(SPDY_PROTOCOL::equals)) {
            badRequest(ctx, "port-forward speaks only the stream protocol " + SPDY_PROTOCOL);
            return;
        }
        String namespace = ctx.pathParam("namespace");
        String pod = ctx.pathParam("name");
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        SpdyUpgradeConnection connection = new SpdyUpgradeConnection(endPoint,
                request.getConnectionMetaData().getConnector().getExecutor(),
                transport -> new PortForwardSession(dialers.apply(namespace, pod), namespace + "/" + pod, transport));
        // Jetty switches the endpoint to this connection once the 101 is sent
        Request.unWrap(request).setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, connection);
        ctx.status(101);
        ctx.header("Connection", "Upgrade");
        ctx.header("Upgrade", "SPDY/3.1");
        ctx.header("X-Stream-Protocol-Version", SPDY_PROTOCOL);
    }

    private static void badRequest(Context ctx, String message) {
        ctx.status(400).contentType("application/json").result("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + message + "\","
                + "\"reason\":\"BadRequest\",\"code\":400}");
    }

    /** Configures the WebSocket handlers of the route. */
    public void webSocket(WsConfig ws) {
        ws.onConnect(ctx -> {
            Session session = ctx.session;
            session.setIdleTimeout(IDLE_TIMEOUT);
            session.setMaxBinaryMessageSize(MAX_MESSAGE);
            String namespace = ctx.pathParam("namespace");
            String pod = ctx.pathParam("name");
            PortForwardSession forward = new PortForwardSession(dialers.apply(namespace, pod),
                    namespace + "/" + pod, new WebSocketTransport(session));
            sessions.put(ctx.sessionId(), forward);
        });
        ws.onBinaryMessage(ctx -> {
            PortForwardSession forward = sessions.get(ctx.sessionId());
            if (forward != null) {
                ByteBuffer data = ctx.data();
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                forward.receive(bytes, 0, bytes.length);
            }
        });
        ws.onClose(ctx -> end(ctx.sessionId()));
        ws.onError(ctx -> end(ctx.sessionId()));
    }

    private void end(String sessionId) {
        PortForwardSession forward = sessions.remove(sessionId);
        if (forward != null) {
            forward.close();
        }
    }

    /** Ends every open session. */
    @Override
    public void close() {
        sessions.keySet().forEach(this::end);
        http.close();
    }

    /** Sends each chunk as one binary message and waits for it to be written. */
    private record WebSocketTransport(Session session) implements SessionTransport {
        @Override
        public void send(byte[] bytes) throws IOException {
            Callback.Completable done = new Callback.Completable();
            session.sendBinary(ByteBuffer.wrap(bytes), done);
            try {
                done.get();
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending", e);
            }
        }

        @Override
        public void close() {
            if (session.isOpen()) {
                session.close(1000, "", Callback.NOOP);
            }
        }
    }
}
