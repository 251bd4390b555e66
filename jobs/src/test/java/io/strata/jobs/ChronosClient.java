package io.strata.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small HTTP client for the Chronos API in tests; redirects are not followed. */
final class ChronosClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    ChronosClient(String base) {
        this.base = base;
    }

    /** A reply. */
    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Reply send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The job named {@code name} from {@code GET /v1/scheduler/jobs}, or null. */
    JsonNode job(String name) {
        for (JsonNode job : send("GET", "/v1/scheduler/jobs", null).json()) {
            if (job.path("name").asText().equals(name)) {
                return job;
            }
        }
        return null;
    }

    /** The job's runs from {@code GET /v1/scheduler/job/{name}/runs}. */
    JsonNode runs(String name) {
        return send("GET", "/v1/scheduler/job/" + name + "/runs", null).json();
    }
}
