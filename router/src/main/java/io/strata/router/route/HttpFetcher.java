package io.strata.router.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The router's own small HTTP calls (leader redirect, master state, Marathon apps), over the JDK client on
 * HTTP/1.1 without following redirects. Failures become {@link IOException}s whose message names the URL.
 */
public final class HttpFetcher {
    private final HttpClient client;
    private final Duration timeout;

    /** A fetcher whose connects time out after {@code connectTimeout} and whole calls after {@code timeout}. */
    public HttpFetcher(Duration connectTimeout, Duration timeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    /** GETs {@code url} and answers the raw response (any status). */
    public HttpResponse<byte[]> get(URI url) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + url, e);
        } catch (IOException e) {
            throw new IOException("cannot reach " + url + ": " + describe(e), e);
        }
    }

    /** GETs {@code url} and parses a 200 answer as JSON. */
    public JsonNode json(URI url) throws IOException {
        HttpResponse<byte[]> response = get(url);
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return Json.mesos().readTree(response.body());
    }

    /** A short reason for a failed call (the JDK's messages are often null for refused connections). */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException) {
                return "connection refused";
            }
            if (t instanceof java.net.http.HttpConnectTimeoutException) {
                return "connect timed out";
            }
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    /** The underlying JDK client, for probes that want their own requests. */
    public HttpClient client() {
        return client;
    }
}
