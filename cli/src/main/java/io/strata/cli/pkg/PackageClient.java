package io.strata.cli.pkg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Calls the package service with Cosmos' media types. A Cosmos error becomes a {@link CliFailure} with its
 * message: 4xx exit {@link ExitCodes#USAGE} (bad input: unknown package, options failing the schema), 5xx
 * {@link ExitCodes#FAILURE}, an unreachable service {@link ExitCodes#UNREACHABLE}; an unknown package also gets
 * the closest package names as suggestions.
 */
public final class PackageClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private final URI base;
    private final HttpClient http;

    /** A client of the service at {@code base}, e.g. {@code http://127.0.0.1:7070/package}. */
    public PackageClient(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** A new empty request body. */
    public static ObjectNode body() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** POSTs {@code body} to {@code <base>/<operation>}; the reply JSON. */
    public JsonNode call(String operation, JsonNode body) {
        String type = operation.replace('/', '.');
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + operation)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/vnd.dcos.package." + type
                        + "-request+json;charset=utf-8;version=v1")
                .header("Accept", "application/vnd.dcos.package." + type + "-response+json;charset=utf-8;version=v1")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.UNREACHABLE, "cannot reach the package service at " + base + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.FAILURE, "interrupted");
        }
        JsonNode reply = parse(response.body());
        if (response.statusCode() / 100 == 2) {
            return reply;
        }
        throw failure(response.statusCode(), reply, new String(response.body(), StandardCharsets.UTF_8));
    }

    private CliFailure failure(int status, JsonNode error, String text) {
        int exit = status / 100 == 4 ? ExitCodes.USAGE : ExitCodes.FAILURE;
        String message = error.path("message").isTextual() ? error.get("message").asText()
                : "package service answered " + status + ": " + (text.isBlank() ? "(no message)" : text.strip());
        if ("PackageNotFound".equals(error.path("type").asText()) && error.at("/data/packageName").isTextual()) {
            message += suggestion(error.at("/data/packageName").asText());
        }
        return new CliFailure(exit, message);
    }

    /** "; did you mean: a, b?" from the package names of a search, or "" when none is close. */
    private String suggestion(String wanted) {
        List<String> names = new ArrayList<>();
        try {
            call("search", body()).path("packages").forEach(p -> names.add(p.path("name").asText()));
        } catch (CliFailure e) {
            return "";
        }
        List<String> close = Suggestions.closest(wanted, names, Suggestions.DEFAULT_LIMIT);
        return close.isEmpty() ? "; 'strata package search' lists the packages"
                : "; did you mean: " + String.join(", ", close) + "?";
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
