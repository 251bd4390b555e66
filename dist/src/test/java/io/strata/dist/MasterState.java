package io.strata.dist;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Reads the master's state JSON the way an operator's script would. */
final class MasterState {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MasterState() {
    }

    /** Waits for a task to be TASK_RUNNING and returns its first host port (from its ports resource). */
    static int awaitRunningHostPort(String master, String taskId, Duration timeout) {
        return Awaitility.await(taskId + " running").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> runningPort(master, taskId), p -> p > 0);
    }

    private static int runningPort(String master, String taskId) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(master + "/master/state")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode state = Json.parse(r.body(), JsonNode.class);
        for (JsonNode f : state.path("frameworks")) {
            for (JsonNode t : f.path("tasks")) {
                if (t.path("id").asText().equals(taskId) && t.path("state").asText().equals("TASK_RUNNING")) {
                    String ports = t.path("resources").path("ports").asText(); // "[31000-31000]"
                    return Integer.parseInt(ports.replaceAll("^\\[(\\d+).*$", "$1"));
                }
            }
        }
        return -1;
    }

    /** Waits until GET http://127.0.0.1:port/ answers 200 with a body containing {@code text}. */
    static void awaitHttp(int port, String text, Duration timeout) {
        Awaitility.await("HTTP on " + port).atMost(timeout).ignoreExceptions().until(() -> {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains(text);
        });
    }
}
