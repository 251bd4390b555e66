package io.strata.router.proxy;

import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.QuotedStringTokenizer;

/**
 * The headers the router adds towards an upstream: {@code Via} and RFC 7239 {@code Forwarded} as Jetty's proxy
 * writes them (appended to any the client sent), and the {@code X-Forwarded-*} and {@code X-Real-IP} set of Admin
 * Router: the client's address appended to any {@code X-Forwarded-For} it sent, the scheme and {@code Host} it
 * used, and the prefix the router stripped (so an upstream can build links that go back through the router).
 *
 * <p>Written straight into the upstream request's fields on every proxied request, so nothing here formats or
 * copies maps: string concatenation only.
 */
final class ForwardedHeaders {
    private static final QuotedStringTokenizer QUOTE = HttpField.PARAMETER_TOKENIZER;

    private ForwardedHeaders() {
    }

    /** Adds {@code Via: <version> <viaHost>} (e.g. {@code 1.1 router-host}), after any the client sent. */
    static void addVia(Request request, String viaHost, HttpFields.Mutable headers) {
        String protocol = request.getConnectionMetaData().getProtocol();
        String version = protocol.regionMatches(true, 0, "HTTP/", 0, 5) ? protocol.substring(5) : protocol;
        append(headers, HttpHeader.VIA, version + " " + viaHost);
    }

    /** Adds {@code Forwarded}, {@code X-Forwarded-For/-Proto/-Host/-Prefix} and {@code X-Real-IP}. */
    static void addAll(Request request, ProxyTarget target, HttpFields.Mutable headers) {
        String client = Request.getRemoteAddr(request);
        String host = request.getHeaders().get(HttpHeader.HOST);
        String proto = request.isSecure() ? "https" : "http";
        append(headers, HttpHeader.FORWARDED, "by=" + QUOTE.quote(Request.getLocalAddr(request))
                + ";for=" + QUOTE.quote(client) + ";host=" + QUOTE.quote(host) + ";proto=" + QUOTE.quote(proto));
        String prior = request.getHeaders().get(HttpHeader.X_FORWARDED_FOR);
        headers.put(HttpHeader.X_FORWARDED_FOR, prior == null || prior.isBlank() ? client : prior + ", " + client);
        headers.put("X-Real-IP", client);
        headers.put(HttpHeader.X_FORWARDED_PROTO, proto);
        if (host != null) {
            headers.put(HttpHeader.X_FORWARDED_HOST, host);
        }
        if (!target.prefix().isEmpty()) {
            headers.put("X-Forwarded-Prefix", target.prefix());
        }
    }

    /** Puts {@code value} as the header's last element, joining the values already there with ", ". */
    private static void append(HttpFields.Mutable headers, HttpHeader header, String value) {
        headers.computeField(header, (name, fields) -> {
            if (fields == null || fields.isEmpty()) {
                return new HttpField(name, value);
            }
            return new HttpField(name, joined(fields) + ", " + value);
        });
    }

    private static String joined(List<HttpField> fields) {
        StringBuilder out = new StringBuilder();
        for (HttpField field : fields) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(field.getValue());
        }
        return out.toString();
    }
}
