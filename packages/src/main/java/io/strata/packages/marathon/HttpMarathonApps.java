package io.strata.packages.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.packages.error.ErrorType;
import io.strata.packages.error.PackageException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link MarathonApps} over HTTP against a services (Marathon v2) API base URL. */
public final class HttpMarathonApps implements MarathonApps {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http;

    /** The API at {@code base}, e.g. {@code http://127.0.0.1:8080} or {@code http://router/marathon}. */
    public HttpMarathonApps(URI base, HttpClient http) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = http;
    }

    @Override
    public JsonNode create(ObjectNode app) {
        HttpResponse<byte[]> response = send("POST", "/v2/apps", app.toString());
        if (response.statusCode() == 409) {
            throw PackageException.withField(ErrorType.PackageAlreadyInstalled, "an app with id "
                    + app.path("id").asText() + " is already installed; choose another with --app-id", "appId",
                    app.path("id").asText());
        }
        if (response.statusCode() == 400 || response.statusCode() == 422) {
            throw new PackageException(ErrorType.MarathonBadResponse, "the services API refused the app "
                    + app.path("id").asText() + ": " + message(response));
        }
        return check("POST /v2/apps", response);
    }

    @Override
    public List<JsonNode> withLabel(String label) {
        JsonNode body = check("GET /v2/apps", send("GET", "/v2/apps?label="
                + URLEncoder.encode(label, StandardCharsets.UTF_8), null));
        List<JsonNode> apps = new ArrayList<>();
        for (JsonNode app : body.path("apps")) {
            // filter here too: a services API that ignores the selector still gives the right answer
            if (app.path("labels").has(label)) {
                apps.add(app);
            }
        }
        return apps;
    }

    @Override
    public boolean delete(String appId) {
        String id = appId.startsWith("/") ? appId : "/" + appId;
        // force, as the dcos CLI did: an install still deploying (e.g. waiting for resources) is locked otherwise
        HttpResponse<byte[]> response = send("DELETE", "/v2/apps" + id + "?force=true", null);
        if (response.statusCode() == 404) {
            return false;
        }
        check("DELETE /v2/apps" + id, response);
        return true;
    }

    private HttpResponse<byte[]> send(String method, String path, String body) {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PackageException(ErrorType.ServiceUnavailable, "cannot reach the services API at " + base + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PackageException(ErrorType.ServiceUnavailable, "interrupted calling the services API");
        }
    }

    private static JsonNode check(String what, HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 != 2) {
            throw new PackageException(ErrorType.MarathonBadResponse, "services API: " + what + " answered "
                    + response.statusCode() + ": " + message(response));
        }
        return parse(response.body());
    }

    private static String message(HttpResponse<byte[]> response) {
        JsonNode body = parse(response.body());
        if (body.path("message").isTextual()) {
            StringBuilder text = new StringBuilder(body.get("message").asText());
            for (JsonNode detail : body.path("details")) {
                text.append("; ").append(detail.path("path").asText()).append(": ").append(detail.path("errors"));
            }
            return text.toString();
        }
        return new String(response.body(), StandardCharsets.UTF_8).strip();
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
