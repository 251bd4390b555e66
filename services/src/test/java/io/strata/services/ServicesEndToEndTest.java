package io.strata.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: real master, two real agents running python3 http servers, real ZooKeeper. */
class ServicesEndToEndTest {
    @TempDir
    static Path dir;
    static TestCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(dir, 2, "cpus:2;mem:2048;disk:1000;ports:[31000-31999]");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static JsonNode json(String body) throws Exception {
        return Json.camel().readTree(body);
    }

    JsonNode app(String id) throws Exception {
        TestCluster.Reply reply = cluster.call("GET", "/v2/apps" + id, null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return json(reply.body()).get("app");
    }

    @Test
    void postApp_threeHttpServers_becomeHealthyScaleAndDelete() throws Exception {
        String body = """
                {"id": "/web", "cmd": "exec python3 -m http.server $PORT0", "cpus": 0.1, "mem": 32, "instances": 3,
                 "healthChecks": [{"protocol": "HTTP", "path": "/", "portIndex": 0, "gracePeriodSeconds": 30,
                                   "intervalSeconds": 1, "timeoutSeconds": 2, "maxConsecutiveFailures": 5}]}
                """;
        TestCluster.Reply created = cluster.call("POST", "/v2/apps", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(json(created.body()).get("id").asText()).isEqualTo("/web");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode app = app("/web");
            assertThat(app.get("tasksHealthy").asInt()).as(app.toString()
                    + cluster.call("GET", "/v2/queue", null).body()).isEqualTo(3);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(json(cluster.call("GET", "/v2/deployments", null).body()).size()).isZero());

        TestCluster.Reply scaled = cluster.call("PUT", "/v2/apps/web", "{\"instances\": 5}");
        assertThat(scaled.status()).as(scaled.body()).isEqualTo(200);
        assertThat(json(scaled.body()).has("deploymentId")).isTrue();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(app("/web").get("tasksHealthy").asInt()).isEqualTo(5));

        cluster.call("PUT", "/v2/apps/web", "{\"instances\": 2}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode app = app("/web");
            assertThat(app.get("tasks").size()).isEqualTo(2);
            assertThat(app.get("tasksRunning").asInt()).isEqualTo(2);
        });
        JsonNode listed = json(cluster.call("GET", "/v2/apps?embed=apps.tasks", null).body());
        assertThat(listed.get("apps").get(0).get("tasks").size()).isEqualTo(2);

        TestCluster.Reply deleted = cluster.call("DELETE", "/v2/apps/web", null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(cluster.call("GET", "/v2/apps/web", null).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(json(cluster.call("GET", "/v2/tasks", null).body()).get("tasks").size()).isZero());
    }
}
