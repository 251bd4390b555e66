package io.strata.dashboard.upstream;

import io.javalin.http.Context;
import io.strata.server.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;

/**
 * A plain streaming pass-through of one path prefix to one upstream ({@code /marathon/v2/apps} to
 * {@code <services>/v2/apps}), for running the dashboard without the admin router in front (tests, development).
 * In production the admin router owns {@code /mesos}, {@code /marathon} and {@code /package} and this is unused.
 *
 * <p>Method, query, body and end-to-end headers go up; status, headers and the body come back, the body copied
 * and flushed as it arrives (event streams work). Redirects are not followed: they reach the browser. An
 * unreachable upstream is a 502 naming it; nothing here retries.
 */
public final class PassThroughProxy {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length",
            "expect", "http2-settings");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final String prefix;
    private final URI upstream;
    private final HttpClient http;

    /**
     * A proxy of {@code prefix} (e.g. {@code /marathon}) to {@code upstream} (e.g. {@code http://127.0.0.1:8080}).
     *
     * @param name what the upstream is called in error messages (e.g. "services")
     */
    public PassThroughProxy(String name, String prefix, URI upstream) {
        if (!prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix must start and not end with '/': " + prefix);
        }
        String base = upstream.toString();
        this.name = name;
        this.prefix = prefix;
        this.upstream = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** The prefix this proxy serves. */
    public String prefix() {
        return prefix;
    }

    /** Forwards the request in {@code ctx} and streams the answer back. */
    public void handle(Context ctx) throws IOException {
        HttpResponse<InputStream> answer = send(ctx);
        ctx.status(answer.statusCode());
        answer.headers().map().forEach((header, values) -> {
            if (!HOP_BY_HOP.contains(header.toLowerCase(Locale.ROOT)) && !header.startsWith(":")) {
                values.forEach(value -> ctx.res().addHeader(header, value));
            }
        });
        try (InputStream in = answer.body()) {
            OutputStream out = ctx.res().getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                if (in.available() == 0) {
                    out.flush();
                }
            }
            out.flush();
        }
    }

    private HttpResponse<InputStream> send(Context ctx) {
        String rest = ctx.path().substring(Math.min(prefix.length(), ctx.path().length()));
        String query = ctx.queryString();
        URI target = URI.create(upstream + (rest.isEmpty() ? "/" : rest) + (query == null ? "" : "?" + query));
        byte[] body = ctx.bodyAsBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .method(ctx.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : Collections.list(ctx.req().getHeaderNames())) {
            if (HOP_BY_HOP.contains(header.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : Collections.list(ctx.req().getHeaders(header))) {
                try {
                    request.header(header, value);
                } catch (IllegalArgumentException restricted) {
                    // the JDK client sets this header itself
                }
            }
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ApiException(502, "the " + name + " upstream " + upstream + " is unreachable: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while calling the " + name + " upstream");
        }
    }
}
