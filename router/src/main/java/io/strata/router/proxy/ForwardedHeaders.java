package io.strata.router.proxy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.eclipse.jetty.server.Request;

/**
 * The {@code X-Forwarded-*} and {@code X-Real-IP} headers the router adds towards an upstream: the client's
 * address appended to any {@code X-Forwarded-For} it sent, the scheme and {@code Host} it used, and the prefix
 * the router stripped (so an upstream can build links that go back through the router).
 */
record ForwardedHeaders(Map<String, String> values) {

    static ForwardedHeaders of(Request request, ProxyTarget target) {
        Map<String, String> out = new LinkedHashMap<>();
        String client = Request.getRemoteAddr(request);
        String prior = request.getHeaders().get("X-Forwarded-For");
        out.put("X-Forwarded-For", prior == null || prior.isBlank() ? client : prior + ", " + client);
        out.put("X-Real-IP", client);
        out.put("X-Forwarded-Proto", request.isSecure() ? "https" : "http");
        String host = request.getHeaders().get("Host");
        if (host != null) {
            out.put("X-Forwarded-Host", host);
        }
        if (!target.prefix().isEmpty()) {
            out.put("X-Forwarded-Prefix", target.prefix());
        }
        return new ForwardedHeaders(Map.copyOf(out));
    }

    void forEach(BiConsumer<String, String> sink) {
        values.forEach(sink);
    }
}
