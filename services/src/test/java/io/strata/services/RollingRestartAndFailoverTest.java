package io.strata.services;

import static io.strata.services.TestCluster.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rolling restart watched through /v2/events, and a leader failover that neither loses nor duplicates tasks. */
class RollingRestartAndFailoverTest {
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

    JsonNode app(String path) throws Exception {
        return json(cluster.call("GET", "/v2/apps" + path, null).body()).get("app");
    }

    @Test
    void restart_minimumHealthCapacityHalf_neverDropsBelowTwoHealthyInTheEventStream() throws Exception {
        String body = """
                {"id": "/roll", "cmd": "exec python3 -m http.server $PORT0", "cpus": 0.1, "mem": 32, "instances": 3,
                 "upgradeStrategy": {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0.0},
                 "healthChecks": [{"protocol": "HTTP", "path": "/", "gracePeriodSeconds": 30,
                                   "intervalSeconds": 1, "timeoutSeconds": 2, "maxConsecutiveFailures": 5}]}
                """;
        assertThat(cluster.call("POST", "/v2/apps", body).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(app("/roll").get("tasksHealthy").asInt()).isEqualTo(3));
        Set<String> oldTasks = new HashSet<>();
        app("/roll").get("tasks").forEach(t -> oldTasks.add(t.get("id").asText()));

        List<JsonNode> events = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.services.url() + "/v2/events"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> stream = cluster.http.send(request, HttpResponse.BodyHandlers.ofLines());
        Thread reader = Thread.ofVirtual().start(() -> stream.body().forEach(line -> {
            if (line.startsWith("data: ")) {
                try {
                    events.add(json(line.substring(6)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        assertThat(events.get(0).get("eventType").asText()).isEqualTo("event_stream_attached");

        TestCluster.Reply restart = cluster.call("POST", "/v2/apps/roll/restart", null);
        assertThat(restart.status()).as(restart.body()).isEqualTo(200);
        String deploymentId = json(restart.body()).get("deploymentId").asText();
        await().atMost(Duration.ofSeconds(120)).until(() -> events.stream().anyMatch(e ->
                e.get("eventType").asText().equals("deployment_success") && e.get("id").asText().equals(deploymentId)));
        stream.body().close();
        reader.interrupt();

        // replay the stream: healthy = old tasks not yet killed + new tasks reported alive
        Set<String> healthy = new HashSet<>(oldTasks);
        int lowest = healthy.size();
        StringBuilder trace = new StringBuilder();
        for (JsonNode event : events) {
            trace.append(event.get("eventType").asText()).append(' ').append(event.path("taskId").asText())
                    .append(' ').append(event.path("taskStatus").asText()).append(event.path("alive").asText())
                    .append(" -> ").append(healthy.size()).append('\n');
            String type = event.get("eventType").asText();
            if (type.equals("health_status_changed_event")) {
                if (event.get("alive").asBoolean()) {
                    healthy.add(event.get("taskId").asText());
                } else {
                    healthy.remove(event.get("taskId").asText());
                }
            } else if (type.equals("status_update_event") && !event.get("taskStatus").asText().equals("TASK_RUNNING")) {
                healthy.remove(event.get("taskId").asText());
            }
            lowest = Math.min(lowest, healthy.size());
        }
        assertThat(lowest).as("healthy instances during the restart (minimumHealthCapacity 0.5 of 3 = 2)\n" + trace)
                .isGreaterThanOrEqualTo(2);
        JsonNode app = app("/roll");
        assertThat(app.get("tasks").size()).isEqualTo(3);
        app.get("tasks").forEach(t -> assertThat(oldTasks).doesNotContain(t.get("id").asText()));
        assertThat(cluster.call("DELETE", "/v2/apps/roll", null).status()).isEqualTo(200);
    }

    @Test
    void leaderClosed_standbyTakesOverWithTheSameTasks() throws Exception {
        try (ServicesFramework standby = ServicesFramework.start(ServicesConfig.defaults(
                cluster.zk.getConnectString() + "/marathon", cluster.master.url()).withPort(0))) {
            String body = "{\"id\": \"/keep\", \"cmd\": \"sleep 600\", \"cpus\": 0.1, \"mem\": 16, \"instances\": 2}";
            assertThat(cluster.call("POST", "/v2/apps", body).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(app("/keep").get("tasksRunning").asInt()).isEqualTo(2));
            Set<String> before = new HashSet<>();
            app("/keep").get("tasks").forEach(t -> before.add(t.get("id").asText()));

            // the standby forwards to the leader
            HttpResponse<String> proxied = cluster.http.send(HttpRequest.newBuilder(
                    URI.create(standby.url() + "/v2/apps/keep")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(proxied.statusCode()).isEqualTo(200);
            assertThat(proxied.body()).contains(before.iterator().next());

            cluster.services.close();
            assertThat(standby.awaitLeadership(Duration.ofSeconds(30))).isTrue();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpResponse<String> reply = cluster.http.send(HttpRequest.newBuilder(
                        URI.create(standby.url() + "/v2/apps/keep")).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode app = json(reply.body()).get("app");
                Set<String> after = new HashSet<>();
                app.get("tasks").forEach(t -> after.add(t.get("id").asText()));
                assertThat(after).isEqualTo(before);
                assertThat(app.get("tasksRunning").asInt()).isEqualTo(2);
            });
            // still exactly two a little later: nothing was relaunched after the failover
            Thread.sleep(3000);
            HttpResponse<String> reply = cluster.http.send(HttpRequest.newBuilder(
                    URI.create(standby.url() + "/v2/tasks")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json(reply.body()).get("tasks").findValuesAsText("appId")).containsExactly("/keep", "/keep");
        }
    }
}
