package io.strata.packages.http;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import io.strata.services.ServicesConfig;
import io.strata.services.ServicesFramework;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The real services framework (Marathon v2 API) on a real master without agents: the package service installs into
 * it and lists and removes from it; apps are stored and their deployments wait for offers that never come. Reads and
 * writes go through its HTTP API only.
 */
final class RealServices implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Master master;
    private final ServicesFramework services;

    private RealServices(Master master, ServicesFramework services) {
        this.master = master;
        this.services = services;
    }

    /** Starts a master under {@code <zk>/strata} and the services framework under {@code <zk>/marathon}. */
    static RealServices start(String zk) {
        Master master = Master.start(MasterConfig.defaults("127.0.0.1", 0, zk + "/strata"));
        try {
            return new RealServices(master, ServicesFramework.start(
                    ServicesConfig.defaults("zk://" + zk + "/marathon", master.url()).withPort(0)));
        } catch (RuntimeException e) {
            master.close();
            throw e;
        }
    }

    String url() {
        return services.url();
    }

    /** The apps by id, as {@code GET /v2/apps} lists them. */
    Map<String, JsonNode> apps() {
        Map<String, JsonNode> apps = new TreeMap<>();
        for (JsonNode app : send("GET", "/v2/apps", null).path("apps")) {
            apps.put(app.path("id").asText(), app);
        }
        return apps;
    }

    /** Creates an app ({@code POST /v2/apps}). */
    void create(String appJson) {
        send("POST", "/v2/apps", appJson);
    }

    /** Removes every app ({@code DELETE /v2/apps/<id>?force=true}) and waits until none is listed. */
    void clear() {
        for (String id : apps().keySet()) {
            send("DELETE", "/v2/apps" + id + "?force=true", null);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> apps().isEmpty());
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> reply = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + reply.statusCode() + " " + reply.body());
            }
            return reply.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        services.close();
        master.close();
    }
}
