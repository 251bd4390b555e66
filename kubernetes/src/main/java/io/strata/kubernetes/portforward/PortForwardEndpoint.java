package io.strata.kubernetes.portforward;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.strata.kubernetes.apiserver.ApiError;
import io.strata.kubernetes.exec.ExecTarget;
import io.strata.kubernetes.exec.ExecTargets;
import io.strata.kubernetes.exec.WebSocketPeer;
import io.strata.kubernetes.exec.WebSocketUpgrade;
import io.strata.kubernetes.spdy.SessionTransport;
import io.strata.kubernetes.spdy.SpdyUpgradeConnection;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Serves {@code GET /api/v1/namespaces/{namespace}/pods/{name}/portforward} as kubectl 1.32 calls it: a WebSocket
 * with the subprotocol {@code SPDY/3.1+portforward.k8s.io} (echoed in the 101 answer) whose binary messages carry a
 * SPDY/3.1 byte stream, split anywhere (the upgrade plumbing is {@link WebSocketUpgrade}, shared with exec); or a
 * {@code POST} upgraded to plain SPDY/3.1. Each session gets a {@link PortForwardSession}; its dialer is chosen per
 * pod by {@code dialers} (by default: the pod's agent, found through the {@link ExecTargets} exec uses too).
 */
public final class PortForwardEndpoint implements AutoCloseable {

    /** The only subprotocol kubectl 1.32 offers for port-forward over WebSocket. */
    public static final String SUBPROTOCOL = "SPDY/3.1+portforward.k8s.io";
    /** The route, in Javalin's path syntax. */
    public static final String PATH = "/api/v1/namespaces/{namespace}/pods/{name}/portforward";
    /** The subprotocol kubectl names in {@code X-Stream-Protocol-Version} for port-forward over plain SPDY. */
    public static final String SPDY_PROTOCOL = "portforward.k8s.io";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();
    private final PodCheck pods;
    private volatile BiFunction<String, String, PortDialer> dialers;
    private volatile WebSocketUpgrade route;

    /** Checks a pod before the upgrade: throws the {@link ApiError} to answer instead (404 for an unknown pod). */
    @FunctionalInterface
    public interface PodCheck {
        /** Returns normally when {@code namespace/pod} may be forwarded to. */
        void check(String namespace, String pod);
    }

    /** An endpoint whose pods are not known yet (every dial fails until {@link #targets} is set). */
    public PortForwardEndpoint(PodCheck pods) {
        this.pods = Objects.requireNonNull(pods, "pods");
        targets((namespace, pod, container) -> java.util.Optional.empty());
    }

    /**
     * Resolves pods through {@code targets} (any container: a pod's containers share one network namespace) and
     * reaches them through their agents.
     */
    public void targets(ExecTargets targets) {
        Objects.requireNonNull(targets, "targets");
        dialers((namespace, pod) -> (port, receiver) -> {
            ExecTarget t = targets.find(namespace, pod, null).orElseThrow(() -> new IOException("pod " + namespace
                    + "/" + pod + " has no running container"));
            return new AgentPortDialer(http, t.agent(), t.taskId()).dial(port, receiver);
        });
    }

    /** Uses {@code dialers} (namespace, pod) to reach pods: a plain TCP address in tests. */
    public void dialers(BiFunction<String, String, PortDialer> dialers) {
        this.dialers = Objects.requireNonNull(dialers, "dialers");
    }

    /**
     * {@code POST} with {@code Upgrade: SPDY/3.1}: answers 101 ({@code X-Stream-Protocol-Version:
     * portforward.k8s.io}) and switches the connection to SPDY; 400 for a POST that asks for no SPDY upgrade or for
     * another stream protocol, the pod check's Status for a pod it refuses.
     */
    void post(Context ctx) {
        if (!SpdyUpgradeConnection.requested(ctx)) {
            badRequest(ctx, "port-forward needs an upgrade to SPDY/3.1 or a WebSocket with the subprotocol "
                    + SUBPROTOCOL);
            return;
        }
        if (!SpdyUpgradeConnection.offeredProtocols(ctx).contains(SPDY_PROTOCOL)) {
            badRequest(ctx, "port-forward speaks only the stream protocol " + SPDY_PROTOCOL);
            return;
        }
        String namespace = ctx.pathParam("namespace");
        String pod = ctx.pathParam("name");
        try {
            pods.check(namespace, pod);
        } catch (ApiError e) {
            ctx.status(e.code()).contentType("application/json").result(e.status().toString());
            return;
        }
        SpdyUpgradeConnection.upgrade(ctx, SPDY_PROTOCOL, transport -> new PortForwardSession(
                dialers.apply(namespace, pod), namespace + "/" + pod, transport));
    }

    private static void badRequest(Context ctx, String message) {
        ApiError e = ApiError.badRequest(message);
        ctx.status(e.code()).contentType("application/json").result(e.status().toString());
    }

    /**
     * Registers the WebSocket route (checked by {@code pods} before the 101, the subprotocol echoed) and the SPDY
     * upgrade on {@code r}, before any broader route.
     */
    public void register(RoutesConfig r) {
        route = WebSocketUpgrade.register(r, PATH, List.of(SUBPROTOCOL), this::admit);
        r.post(PATH, this::post);
    }

    private WebSocketUpgrade.Connection admit(Context ctx) {
        String namespace = ctx.pathParam("namespace");
        String pod = ctx.pathParam("name");
        pods.check(namespace, pod);
        return new WebSocketUpgrade.Connection() {
            private volatile PortForwardSession session;

            @Override
            public void opened(WebSocketPeer peer) {
                session = new PortForwardSession(dialers.apply(namespace, pod), namespace + "/" + pod,
                        new PeerTransport(peer));
            }

            @Override
            public void onMessage(ByteBuffer message) {
                byte[] bytes = new byte[message.remaining()];
                message.get(bytes);
                session.receive(bytes, 0, bytes.length);
            }

            @Override
            public void closed(int code, String reason) {
                PortForwardSession s = session;
                if (s != null) {
                    s.close();
                }
            }
        };
    }

    /** Ends every open session. */
    @Override
    public void close() {
        WebSocketUpgrade r = route;
        if (r != null) {
            r.close();
        }
        http.close();
    }

    /** Sends each chunk as one binary message and waits for it to be written. */
    private record PeerTransport(WebSocketPeer peer) implements SessionTransport {
        @Override
        public void send(byte[] bytes) throws IOException {
            peer.send(ByteBuffer.wrap(bytes));
        }

        @Override
        public void close() {
            peer.close(1000, "");
        }
    }
}
