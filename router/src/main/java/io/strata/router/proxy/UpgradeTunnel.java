package io.strata.router.proxy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

/**
 * Carries HTTP/1.1 upgrades ({@code Connection: Upgrade}: WebSocket, SPDY/3.1 for older kubectl exec and
 * port-forward) through the router, which Jetty's {@code ProxyHandler} does not: the request head is replayed to
 * the upstream over a Jetty {@link ClientConnector} connection, the upstream's 101 and its headers are sent to the
 * client, and both endpoints are then handed to a pair of {@link TunnelConnection}s that copy bytes until either
 * side closes. Protocol-agnostic: frames are not parsed. A refused upgrade is passed on as the upstream answered it;
 * an unreachable upstream gets the JSON 502 naming the service.
 */
public final class UpgradeTunnel extends ContainerLifeCycle {
    /** Response headers that describe the 101's own message framing and are not copied. */
    private static final Set<String> SKIPPED_ANSWER = Set.of("content-length", "transfer-encoding");
    private final ClientConnector connector = new ClientConnector();

    /** A tunnel whose upstream connects time out after {@code connectTimeout}, idle tunnels after {@code idle}. */
    public UpgradeTunnel(Duration connectTimeout, Duration idle) {
        connector.setConnectTimeout(connectTimeout);
        connector.setIdleTimeout(idle);
        addBean(connector);
    }

    /**
     * Whether {@code request} asks for an HTTP/1.1 protocol upgrade to tunnel. An offer of {@code h2c} alone (the
     * JDK's HttpClient sends one on its first request to a host) is not: the router answers in HTTP/1.1, as a server
     * may (RFC 9113 dropped the h2c upgrade), so the request is proxied as usual and its response may stream.
     */
    public static boolean isUpgrade(Request request) {
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        if (upgrade == null || upgrade.isBlank() || !"HTTP/1.1".equals(request.getConnectionMetaData().getProtocol())) {
            return false;
        }
        if (request.getHeaders().getCSV(HttpHeader.UPGRADE, false).stream()
                .allMatch(protocol -> protocol.equalsIgnoreCase("h2c"))) {
            return false;
        }
        for (String token : request.getHeaders().getCSV(HttpHeader.CONNECTION, false)) {
            if (token.equalsIgnoreCase("upgrade")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens the tunnel for {@code request} to {@code target}; completes {@code callback} once the answer is sent.
     * {@code onUnreachable} is told when the upstream cannot be reached.
     */
    public void handle(Request request, Response response, Callback callback, ProxyTarget target,
                       Consumer<ProxyTarget> onUnreachable) {
        ByteBuffer head = requestHead(request, target);
        CompletableFuture<UpstreamHandshake.Answer> answer = new CompletableFuture<>();
        Map<String, Object> context = new HashMap<>();
        context.put(Transport.CONTEXT_KEY, Transport.TCP_IP);
        context.put(ClientConnectionFactory.CONTEXT_KEY, (ClientConnectionFactory) (endPoint, ctx) ->
                new UpstreamHandshake(endPoint, connector.getExecutor(), head, answer));
        context.put(ClientConnector.CONNECTION_PROMISE_CONTEXT_KEY,
                Promise.<Connection>from(c -> { }, answer::completeExceptionally));
        InetSocketAddress address = new InetSocketAddress(target.base().getHost(), target.port());
        context.put(ClientConnector.REMOTE_SOCKET_ADDRESS_CONTEXT_KEY, address);
        connector.connect(address, context);
        answer.whenComplete((a, failure) -> {
            if (failure != null) {
                onUnreachable.accept(target);
                ErrorResponses.write(response, callback, 502, target.service(), "service '" + target.service()
                        + "' at " + target.base() + " is unavailable: " + ErrorResponses.reason(failure));
            } else if (a.status() == 101) {
                switchProtocols(request, response, callback, a);
            } else {
                passOn(response, callback, a);
            }
        });
    }

    private void switchProtocols(Request request, Response response, Callback callback, UpstreamHandshake.Answer a) {
        EndPoint upstream = a.connection().getEndPoint();
        EndPoint downstream = request.getConnectionMetaData().getConnection().getEndPoint();
        TunnelConnection toUpstream = new TunnelConnection(downstream, connector.getExecutor());
        TunnelConnection toClient = new TunnelConnection(upstream, connector.getExecutor());
        TunnelConnection.pair(toUpstream, toClient);
        // The upstream side starts only once Jetty has sent the 101 and switched the client's endpoint, so that
        // upstream bytes never overtake the 101. EndPoint.upgrade hands the bytes read past the upstream's 101
        // (UpstreamHandshake.onUpgradeFrom) to the tunnel, which sends them first.
        OpenOnce upstreamStart = new OpenOnce(() -> upstream.upgrade(toClient));
        toUpstream.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                upstreamStart.run();
            }
        });
        response.setStatus(101);
        for (HttpField field : a.headers()) {
            if (!SKIPPED_ANSWER.contains(field.getLowerCaseName())) {
                response.getHeaders().add(field);
            }
        }
        request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, toUpstream);
        callback.succeeded();
    }

    private static void passOn(Response response, Callback callback, UpstreamHandshake.Answer a) {
        a.connection().close();
        response.setStatus(a.status());
        for (HttpField field : a.headers()) {
            String name = field.getLowerCaseName();
            if (!SKIPPED_ANSWER.contains(name) && !name.equals("connection") && !name.equals("upgrade")) {
                response.getHeaders().add(field);
            }
        }
        response.write(true, ByteBuffer.wrap(a.body()), callback);
    }

    /** The request line and headers as the upstream must see them: its own Host, the router's forwarding headers. */
    static ByteBuffer requestHead(Request request, ProxyTarget target) {
        StringBuilder out = new StringBuilder(512);
        out.append(request.getMethod()).append(' ').append(target.pathAndQuery()).append(' ')
                .append(HttpVersion.HTTP_1_1.asString()).append("\r\n");
        out.append("Host: ").append(target.base().getRawAuthority()).append("\r\n");
        HttpFields.Mutable fields = HttpFields.build(request.getHeaders());
        fields.remove(HttpHeader.HOST);
        ForwardedHeaders.addAll(request, target, fields);
        for (HttpField field : fields) {
            out.append(field.getName()).append(": ").append(field.getValue()).append("\r\n");
        }
        out.append("\r\n");
        return ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Runs an action at most once. */
    private static final class OpenOnce implements Runnable {
        private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        private final Runnable action;

        OpenOnce(Runnable action) {
            this.action = action;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        }
    }
}
