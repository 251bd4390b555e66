package io.strata.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP exchange shared by the clients: sends a request, follows the 307 a non-leading master answers with
 * ({@code Location} = the leader, possibly scheme-relative as Mesos writes it) for GET and POST alike, and turns
 * connection failures and error statuses into {@link StrataClientException}.
 *
 * <p>Thread-safe; one instance (one connection pool) may serve every client of a process.
 */
public final class HttpTransport {
    /** Redirects followed before giving up: a leader change mid-request may add one hop, a loop never ends. */
    static final int MAX_REDIRECTS = 5;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Mesos recommends about 75 s request timeouts for scheduler calls. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(75);

    private static final java.util.regex.Pattern BARE_AUTHORITY =
            java.util.regex.Pattern.compile("[A-Za-z0-9.\\-]+:\\d+(/.*)?");

    private final HttpClient http;

    /** A transport over the given client; it must not follow redirects itself. */
    public HttpTransport(HttpClient http) {
        this.http = http;
    }

    /** A transport with a fresh HTTP/1.1 client (5 s connect timeout). */
    public static HttpTransport create() {
        return new HttpTransport(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /** A complete reply; {@code uri} is the URL that answered, after redirects. */
    public record Reply(URI uri, int status, HttpHeaders headers, byte[] body) {
        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A reply whose body is still streaming; the caller must close {@code body}. */
    public record StreamReply(URI uri, int status, HttpHeaders headers, InputStream body) {
    }

    /** GETs {@code uri}, following redirects; any non-2xx status throws. */
    public Reply get(URI uri) {
        Reply reply = exchange(uri, "GET", null, Map.of("Accept", "application/json"));
        return requireSuccess(reply);
    }

    /**
     * POSTs {@code body} to {@code uri}, following redirects with the same method and body; any non-2xx status
     * throws.
     */
    public Reply post(URI uri, String contentType, byte[] body, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Content-Type", contentType);
        return requireSuccess(exchange(uri, "POST", body, all));
    }

    /**
     * POSTs and returns as soon as the headers arrive, leaving the body open (the SUBSCRIBE stream). A non-2xx
     * status throws after reading the (short) error body.
     */
    public StreamReply postStream(URI uri, String contentType, byte[] body, Map<String, String> headers) {
        URI target = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Content-Type", contentType);
            headers.forEach(request::header);
            HttpResponse<InputStream> response = send(target, request.build(), HttpResponse.BodyHandlers.ofInputStream());
            Optional<URI> next = redirectTarget(target, response.statusCode(), response.headers());
            if (next.isPresent()) {
                closeQuietly(response.body());
                target = next.get();
                continue;
            }
            if (response.statusCode() / 100 != 2) {
                String text = readErrorBody(response.body());
                throw StrataClientException.http(target, response.statusCode(), text);
            }
            return new StreamReply(target, response.statusCode(), response.headers(), response.body());
        }
        throw tooManyRedirects(uri);
    }

    /** Sends one request, following redirects, and returns whatever status the final server answered. */
    Reply exchange(URI uri, String method, byte[] body, Map<String, String> headers) {
        URI target = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(REQUEST_TIMEOUT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            HttpResponse<byte[]> response = send(target, request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Optional<URI> next = redirectTarget(target, response.statusCode(), response.headers());
            if (next.isEmpty()) {
                return new Reply(target, response.statusCode(), response.headers(), response.body());
            }
            target = next.get();
        }
        throw tooManyRedirects(uri);
    }

    /** Throws for a non-2xx reply, carrying its body as the message. */
    static Reply requireSuccess(Reply reply) {
        if (reply.status() / 100 != 2) {
            throw StrataClientException.http(reply.uri(), reply.status(), reply.text());
        }
        return reply;
    }

    private <T> HttpResponse<T> send(URI target, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StrataClientException.interrupted(target, e);
        } catch (IOException e) {
            throw StrataClientException.unreachable(target, e);
        }
    }

    /**
     * The next URL for a redirect status, resolved against the current one. Mesos writes {@code Location} as
     * {@code //host:port/path}; a bare {@code host:port} authority keeps the current path.
     */
    static Optional<URI> redirectTarget(URI current, int status, HttpHeaders headers) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return Optional.empty();
        }
        String location = headers.firstValue("Location")
                .orElseThrow(() -> StrataClientException.protocol(current, status + " without Location", null));
        String target = location.strip();
        if (BARE_AUTHORITY.matcher(target).matches()) {
            target = "//" + target; // "host:5050" would otherwise parse as scheme "host"
        }
        try {
            URI resolved = current.resolve(target);
            if (resolved.getRawPath() == null || resolved.getRawPath().isEmpty()) {
                String query = current.getRawQuery() == null ? "" : "?" + current.getRawQuery();
                resolved = URI.create(resolved.getScheme() + "://" + resolved.getRawAuthority()
                        + current.getRawPath() + query);
            }
            return Optional.of(resolved);
        } catch (IllegalArgumentException e) {
            throw StrataClientException.protocol(current, "bad Location '" + location + "'", e);
        }
    }

    private static StrataClientException tooManyRedirects(URI uri) {
        return StrataClientException.protocol(uri, "more than " + MAX_REDIRECTS + " redirects", null);
    }

    private static String readErrorBody(InputStream in) {
        try (in) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // a redirect's body carries nothing we need
        }
    }
}
