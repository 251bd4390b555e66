package io.strata.services;

import static io.strata.services.TestCluster.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
        cluster = new TestCluster(dir, 2, "cpus:2;mem:2048;disk:1000");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
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
        // the scale-up deployment ends a moment after the fifth task turns healthy; until then the app is locked
        // and a PUT without force is refused with 409, as in Marathon
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(json(cluster.call("GET", "/v2/deployments", null).body()).size()).isZero());

        TestCluster.Reply scaledDown = cluster.call("PUT", "/v2/apps/web", "{\"instances\": 2}");
        assertThat(scaledDown.status()).as(scaledDown.body()).isEqualTo(200);
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

    @Test
    void postApp_uniqueHostname_spreadsOverBothAgentsAndQueueShowsWhyTheThirdWaits() throws Exception {
        String body = """
                {"id": "/spread", "cmd": "sleep 600", "cpus": 0.1, "mem": 16, "instances": 3,
                 "constraints": [["hostname", "UNIQUE"]]}
                """;
        assertThat(cluster.call("POST", "/v2/apps", body).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode tasks = app("/spread").get("tasks");
            assertThat(tasks.size()).isEqualTo(2);
            assertThat(tasks.get(0).get("host").asText()).isNotEqualTo(tasks.get(1).get("host").asText());
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode queue = json(cluster.call("GET", "/v2/queue", null).body()).get("queue");
            JsonNode entry = null;
            for (JsonNode e : queue) {
                if (e.get("app").get("id").asText().equals("/spread")) {
                    entry = e;
                }
            }
            assertThat(entry).as(queue.toString()).isNotNull();
            assertThat(entry.get("count").asInt()).isEqualTo(1);
            assertThat(entry.get("processedOffersSummary").get("rejectSummaryLastOffers").toString())
                    .contains("didn't match constraint hostname:UNIQUE");
        });
        JsonNode deployments = json(cluster.call("GET", "/v2/deployments", null).body());
        assertThat(deployments.toString()).contains("/spread").contains("waitingFor");
        assertThat(cluster.call("DELETE", "/v2/apps/spread?force=true", null).status()).isEqualTo(200);
    }

    @Test
    void postApp_tooBigForAnyAgent_queueShowsInsufficientResources() throws Exception {
        String body = "{\"id\": \"/huge\", \"cmd\": \"sleep 600\", \"cpus\": 64, \"mem\": 16}";
        assertThat(cluster.call("POST", "/v2/apps", body).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(cluster.call("GET", "/v2/queue", null).body()).contains("/huge").contains("Insufficient cpus"));
        TestCluster.Reply locked = cluster.call("PUT", "/v2/apps/huge", "{\"cpus\": 63}");
        assertThat(locked.status()).isEqualTo(409);
        assertThat(json(locked.body()).get("message").asText()).contains("locked by one or more deployments");
        assertThat(cluster.call("DELETE", "/v2/apps/huge?force=true", null).status()).isEqualTo(200);
    }

    @Test
    void invalidRequests_getMarathonShapedErrors() throws Exception {
        TestCluster.Reply broken = cluster.call("POST", "/v2/apps", "{\"id\": \"/x\", ");
        assertThat(broken.status()).isEqualTo(422);
        assertThat(json(broken.body()).get("message").asText()).isEqualTo("Invalid JSON");
        assertThat(json(broken.body()).get("details").get(0).get("path").asText()).isEqualTo("/");

        TestCluster.Reply invalid = cluster.call("POST", "/v2/apps", "{\"id\": \"/x\", \"cmd\": \"x\", \"cpus\": -1}");
        assertThat(invalid.status()).isEqualTo(422);
        JsonNode error = json(invalid.body());
        assertThat(error.get("message").asText()).isEqualTo("Object is not valid");
        assertThat(error.get("details").get(0).get("path").asText()).isEqualTo("/cpus");
        assertThat(error.get("details").get(0).get("errors").get(0).asText()).isEqualTo("got -1.0, expected 0.0 or more");

        TestCluster.Reply unknown = cluster.call("GET", "/v2/apps/nope", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(json(unknown.body()).get("message").asText()).isEqualTo("App '/nope' does not exist");

        assertThat(cluster.call("GET", "/ping", null).body()).isEqualTo("pong");
        assertThat(json(cluster.call("GET", "/v2/info", null).body()).get("name").asText()).isEqualTo("marathon");
        assertThat(json(cluster.call("GET", "/v2/leader", null).body()).get("leader").asText()).contains(":");
    }
}
