package io.strata.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import io.strata.testing.hollow.HollowAgentSpec;
import io.strata.testing.hollow.HollowCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * End to end on a real master and hollow agents: when the agent running three apps' tasks goes silent, the master
 * reports TASK_UNREACHABLE (the framework is partition aware) and each app follows its unreachableStrategy: one
 * replaces its task and keeps the unreachable one, one replaces and expunges it, a disabled one does neither.
 */
class UnreachableStrategyEndToEndTest {
    private static final String RESOURCES = "cpus:4;mem:4096;disk:1000;ports:[31000-32000]";

    private final HttpClient http = HttpClient.newHttpClient();

    private static String app(String id, String strategy) {
        return "{\"id\":\"" + id + "\",\"cmd\":\"sleep 600\",\"cpus\":0.1,\"mem\":16,\"instances\":1,"
                + "\"unreachableStrategy\":" + strategy + "}";
    }

    private JsonNode get(String base, String path) throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.camel().readTree(reply.body());
    }

    private int post(String base, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/v2/apps"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The task states of an app, e.g. [TASK_UNREACHABLE, TASK_RUNNING], sorted. */
    private List<String> states(String base, String id) throws Exception {
        List<String> out = new ArrayList<>();
        get(base, "/v2/apps" + id + "/tasks").get("tasks").forEach(t -> out.add(t.get("state").asText()));
        out.sort(String::compareTo);
        return out;
    }

    @Test
    void agentGoesSilent_eachAppFollowsItsUnreachableStrategy() throws Exception {
        try (TestingServer zk = new TestingServer(true);
                Master master = Master.start(MasterConfig.defaults("127.0.0.1", 0, zk.getConnectString() + "/strata")
                        .withHeartbeatInterval(Duration.ofSeconds(1)).withAgentPing(Duration.ofSeconds(2), 3))) {
            assertThat(master.awaitLeadership(Duration.ofSeconds(30))).isTrue();
            HollowCluster first = HollowCluster.builder(URI.create(master.url())).heartbeatInterval(Duration.ofMillis(250))
                    .agents(1, i -> HollowAgentSpec.of(HollowAgentSpec.loopbackHostname(0)).withResources(RESOURCES))
                    .start();
            assertThat(first.awaitSubscribed(Duration.ofSeconds(30))).isTrue();
            try (ServicesFramework services = ServicesFramework.start(ServicesConfig.defaults(
                    zk.getConnectString() + "/marathon", master.url()).withPort(0))) {
                assertThat(services.awaitLeadership(Duration.ofSeconds(30))).isTrue();
                String base = services.url();
                assertThat(post(base, app("/keep", "{\"inactiveAfterSeconds\":1,\"expungeAfterSeconds\":3600}")))
                        .isEqualTo(201);
                assertThat(post(base, app("/gone", "{\"inactiveAfterSeconds\":1,\"expungeAfterSeconds\":2}")))
                        .isEqualTo(201);
                assertThat(post(base, app("/never", "\"disabled\""))).isEqualTo(201);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    for (String id : List.of("/keep", "/gone", "/never")) {
                        assertThat(states(base, id)).containsExactly("TASK_RUNNING");
                    }
                });

                try (HollowCluster second = HollowCluster.builder(URI.create(master.url()))
                        .heartbeatInterval(Duration.ofMillis(250))
                        .agents(1, i -> HollowAgentSpec.of(HollowAgentSpec.loopbackHostname(1)).withResources(RESOURCES))
                        .start()) {
                    assertThat(second.awaitSubscribed(Duration.ofSeconds(30))).isTrue();
                    first.close(); // silent from now on: unreachable after 3 missed 2 s pings

                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                        assertThat(states(base, "/keep")).containsExactly("TASK_RUNNING", "TASK_UNREACHABLE");
                        assertThat(states(base, "/gone")).containsExactly("TASK_RUNNING");
                        assertThat(get(base, "/v2/apps/gone").get("app").get("tasks").get(0).get("host").asText())
                                .isEqualTo(HollowAgentSpec.loopbackHostname(1));
                    });
                    // by now /keep and /gone were replaced; a disabled strategy never replaces
                    assertThat(states(base, "/never")).containsExactly("TASK_UNREACHABLE");
                    JsonNode deployments = get(base, "/v2/deployments");
                    assertThat(deployments.toString()).doesNotContain("/keep", "/gone");
                }
            }
        }
    }
}
