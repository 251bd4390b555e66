package io.strata.router.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's reverse {@link ProxyHandler} driven by the {@link ProxyTarget} the router put on the request.
 *
 * <p>Bodies stream both ways chunk by chunk (each upstream chunk is written to the client as it arrives, so
 * NDJSON watches and server-sent events are not buffered). The upstream sees its own authority as {@code Host}
 * and {@code X-Forwarded-For/-Proto/-Host/-Prefix} and {@code X-Real-IP} as Admin Router set them. A
 * {@code Location} pointing at the upstream is rewritten under the route's prefix; for the master route any
 * redirect is (a master that lost leadership names the new leader: the client is sent back through the router).
 * An upstream that cannot be reached gets a JSON 502 naming the service (504 on a timeout).
 *
 * <p>Per-request cost is kept low because on a small machine the proxy's CPU competes with its upstream's:
 * the upstream client runs on the server's thread pool (one pool, no hand-off between pools), speaks plain
 * HTTP/1.1 (no protocol negotiation per connection), reads the upstream in {@value #RESPONSE_BUFFER} byte chunks
 * (a {@code /master/state} of a few hundred agents takes a handful of reads and writes), and builds the upstream
 * URI and the added headers without parsing or formatting strings.
 */
public final class RoutingProxy extends ProxyHandler {
    /** Bytes read from an upstream at once, and so the largest chunk written to the client per write. */
    static final int RESPONSE_BUFFER = 64 * 1024;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Consumer<ProxyTarget> onUpstreamTrouble;

    /**
     * A proxy whose upstream connects time out after {@code connectTimeout} and idle streams after
     * {@code idleTimeout}; {@code onUpstreamTrouble} is told of each refused connection or leader redirect.
     */
    public RoutingProxy(Duration connectTimeout, Duration idleTimeout, Consumer<ProxyTarget> onUpstreamTrouble) {
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.onUpstreamTrouble = onUpstreamTrouble;
        setUseServerThreadPool(true);
    }

    @Override
    protected HttpClient newHttpClient() {
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
        // the proxy's response listeners only hand chunks to the asynchronous server response, so the upstream
        // selector may run them itself: no hand-off to another thread per upstream read
        transport.setInvocationType(InvocationType.NON_BLOCKING);
        return new HttpClient(transport);
    }

    @Override
    protected void configureHttpClient(HttpClient httpClient) {
        super.configureHttpClient(httpClient);
        httpClient.setConnectTimeout(connectTimeout.toMillis());
        httpClient.setIdleTimeout(idleTimeout.toMillis());
        // keep-alive connections: one per concurrent client request, reused; streams (watches) hold theirs
        httpClient.setMaxConnectionsPerDestination(1024);
        httpClient.setResponseBufferSize(RESPONSE_BUFFER);
        httpClient.setUserAgentField(null);
    }

    @Override
    protected HttpURI rewriteHttpURI(Request clientToProxyRequest) {
        return target(clientToProxyRequest).httpUri();
    }

    @Override
    protected void copyRequestHeaders(Request clientToProxyRequest,
                                      org.eclipse.jetty.client.Request proxyToServerRequest) {
        super.copyRequestHeaders(clientToProxyRequest, proxyToServerRequest);
        // the client sets Host from the upstream URL, as nginx' proxy_pass did
        proxyToServerRequest.headers(headers -> headers.remove(HttpHeader.HOST));
    }

    /** Jetty's {@code Via} and {@code Forwarded}, then the {@code X-Forwarded-*} set of {@link ForwardedHeaders}. */
    @Override
    protected void addProxyHeaders(Request clientToProxyRequest,
                                   org.eclipse.jetty.client.Request proxyToServerRequest) {
        ProxyTarget target = target(clientToProxyRequest);
        proxyToServerRequest.headers(h -> {
            ForwardedHeaders.addVia(clientToProxyRequest, getViaHost(), h);
            ForwardedHeaders.addAll(clientToProxyRequest, target, h);
        });
    }

    @Override
    protected org.eclipse.jetty.client.Response.CompleteListener newServerToProxyResponseListener(
            Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest,
            Response proxyToClientResponse, Callback proxyToClientCallback) {
        return new RewritingListener(clientToProxyRequest, proxyToServerRequest, proxyToClientResponse,
                proxyToClientCallback);
    }

    @Override
    protected void onServerToProxyResponseFailure(Request clientToProxyRequest,
                                                  org.eclipse.jetty.client.Request proxyToServerRequest,
                                                  org.eclipse.jetty.client.Response serverToProxyResponse,
                                                  Response proxyToClientResponse, Callback proxyToClientCallback,
                                                  Throwable failure) {
        ProxyTarget target = target(clientToProxyRequest);
        onUpstreamTrouble.accept(target);
        if (proxyToClientResponse.isCommitted()) {
            // the status is gone already: all we can do is cut the stream short
            proxyToClientCallback.failed(failure);
            return;
        }
        proxyToClientResponse.getHeaders().clear();
        boolean timeout = failure instanceof TimeoutException;
        ErrorResponses.write(proxyToClientResponse, proxyToClientCallback, timeout ? 504 : 502, target.service(),
                "service '" + target.service() + "' at " + target.base()
                        + (timeout ? " timed out: " : " is unavailable: ") + ErrorResponses.reason(failure));
    }

    private static ProxyTarget target(Request request) {
        Object target = request.getAttribute(ProxyTarget.ATTRIBUTE);
        if (!(target instanceof ProxyTarget t)) {
            throw new IllegalStateException("the router did not set a proxy target on " + request.getHttpURI());
        }
        return t;
    }

    /** Copies the upstream's answer as Jetty does, then maps its {@code Location} back under the router. */
    private final class RewritingListener extends ProxyResponseListener {
        private final Request clientToProxyRequest;
        private final Response proxyToClientResponse;

        RewritingListener(Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest,
                          Response proxyToClientResponse, Callback proxyToClientCallback) {
            super(clientToProxyRequest, proxyToServerRequest, proxyToClientResponse, proxyToClientCallback);
            this.clientToProxyRequest = clientToProxyRequest;
            this.proxyToClientResponse = proxyToClientResponse;
        }

        @Override
        public void onHeaders(org.eclipse.jetty.client.Response serverToProxyResponse) {
            super.onHeaders(serverToProxyResponse);
            String location = proxyToClientResponse.getHeaders().get(HttpHeader.LOCATION);
            if (location == null) {
                return;
            }
            ProxyTarget target = target(clientToProxyRequest);
            boolean masterRedirect = target.prefix().equals("/mesos") && serverToProxyResponse.getStatus() / 100 == 3;
            String rewritten = LocationRewriter.rewrite(location, target, masterRedirect);
            if (masterRedirect) {
                onUpstreamTrouble.accept(target);
            }
            if (!rewritten.equals(location)) {
                proxyToClientResponse.getHeaders().put(new HttpField(HttpHeader.LOCATION, rewritten));
            }
        }
    }

    /** The base of a URI: scheme and authority. */
    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
