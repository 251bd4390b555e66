package io.strata.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.strata.api.json.Json;
import io.strata.cli.CliFailure;
import io.strata.cli.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON requests to one framework API ({@code name} says which in messages, e.g. "services").
 *
 * <p>Every non-2xx reply becomes a {@link CliFailure}: 400 and 422 (invalid input) exit {@link ExitCodes#USAGE}
 * with the API's message and each {@code details[].path: errors} line; other statuses exit
 * {@link ExitCodes#FAILURE}; an unreachable API exits {@link ExitCodes#UNREACHABLE} naming the URL tried.
 */
public final class ServiceEndpoint {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final URI base;
    private final HttpClient http;

    /** An endpoint at {@code base} (scheme, host, port, optional path prefix such as {@code /marathon}). */
    public ServiceEndpoint(String name, URI base) {
        this.name = name;
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The base URL. */
    public URI base() {
        return base;
    }

    /** A reply: status and JSON body ({@link MissingNode} when empty or not JSON). */
    public record Reply(int status, JsonNode body) {
    }

    /** GET {@code path}; the JSON body. */
    public JsonNode get(String path) {
        return send("GET", path, null).body();
    }

    /** Sends {@code method} with an optional JSON body (raw bytes as given); fails on a non-2xx status. */
    public Reply send(String method, String path, byte[] json) {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.UNREACHABLE, "cannot reach the " + name + " API at " + base + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.FAILURE, "interrupted");
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw failure(method, path, status, body, new String(response.body(), StandardCharsets.UTF_8));
        }
        return new Reply(status, body);
    }

    private CliFailure failure(String method, String path, int status, JsonNode body, String text) {
        int exit = status == 400 || status == 422 ? ExitCodes.USAGE : ExitCodes.FAILURE;
        return new CliFailure(exit, name + " API: " + method + " " + path + " -> " + status + ": "
                + String.join("\n  ", messages(body, text)));
    }

    /**
     * The lines of an error body: Marathon's {@code message} then one {@code path: error} per detail; Chronos'
     * plain text; else the raw text.
     */
    static List<String> messages(JsonNode body, String text) {
        List<String> lines = new ArrayList<>();
        if (body.path("message").isTextual()) {
            lines.add(body.get("message").asText());
        }
        for (JsonNode detail : body.path("details")) {
            for (JsonNode error : detail.path("errors")) {
                lines.add(detail.path("path").asText() + ": " + error.asText());
            }
        }
        if (lines.isEmpty()) {
            lines.add(text.isBlank() ? "(no message)" : text.strip());
        }
        return lines;
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return Json.mesos().readTree(bytes);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
