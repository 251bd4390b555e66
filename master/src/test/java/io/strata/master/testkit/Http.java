package io.strata.master.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Raw HTTP/1.1 against a master with {@code java.net.http}, for tests that check the exact wire. Redirects are
 * never followed so that 307 answers can be asserted. Every request times out after 10 s.
 */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Http() {
    }

    /** POSTs a JSON body with extra headers (e.g. Mesos-Stream-Id). */
    public static HttpResponse<String> post(String url, String body, Map<String, String> headers) {
        return post(url, body, "application/json", headers);
    }

    /** POSTs a body with a given Content-Type. */
    public static HttpResponse<String> post(String url, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b.build());
    }

    /** GETs a URL. */
    public static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
    }

    /** GETs a URL that must answer 200 and parses its JSON body. */
    public static JsonNode getJson(String url) {
        HttpResponse<String> r = get(url);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return json(r.body());
    }

    /** Parses JSON text. */
    public static JsonNode json(String text) {
        try {
            return Json.mesos().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
