package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.cli.config.CliConfig;
import io.strata.cli.config.CliConfigStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The whole stack as {@code strata up} runs it (kernel, services, jobs, DNS, packages, dashboard, router), used
 * the way an operator would: every CLI command goes through the admin router ({@code strata config set
 * cluster.url}), the app is found by DNS, and the dashboard is served at the router's root.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackEndToEndTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static ClusterStack stack;
    static Map<String, String> env;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        cluster = TestClusters.singleAgent(dir.resolve("cluster"));
        stack = ClusterStack.start(cluster.zkConnectString(), ClusterStack.Settings.forTests(false), line -> { });
        env = Map.of("STRATA_CONFIG", dir.resolve("config.json").toString());
        CliConfigStore.save(env, CliConfig.empty().with(CliConfig.CLUSTER_URL, stack.router().url()));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        TestClusters.close(cluster);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    @Order(1)
    void appAdd_throughTheRouter_reachesHealthyInstancesAndAnswersByDns() throws Exception {
        Path app = dir.resolve("web.json");
        Files.writeString(app, """
                {"id": "/web", "cmd": "python3 -m http.server $PORT0 --bind 127.0.0.1", "instances": 2,
                 "cpus": 0.1, "mem": 64, "portDefinitions": [{"port": 0}],
                 "labels": {"DCOS_SERVICE_NAME": "web", "DCOS_SERVICE_PORT_INDEX": "0"},
                 "healthChecks": [{"protocol": "HTTP", "path": "/", "portIndex": 0,
                                   "gracePeriodSeconds": 30, "intervalSeconds": 1, "timeoutSeconds": 2}]}
                """);

        Cli.Run add = Cli.strata(env, "app", "add", app.toString(), "--wait", "--timeout", "120");

        assertThat(add.code()).as(add.toString()).isZero();
        assertThat(add.out()).contains("Created app /web").contains(": done");
        Cli.Run list = Cli.strata(env, "app", "list", "--json");
        assertThat(list.code()).as(list.toString()).isZero();
        JsonNode web = list.json().get(0);
        assertThat(web.path("id").asText()).isEqualTo("/web");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Cli.strata(env, "app", "list", "--json").json().get(0).path("tasksHealthy").asInt())
                        .isEqualTo(2));
        Cli.Run services = Cli.strata(env, "service", "list");
        assertThat(services.out()).as(services.toString()).containsPattern("marathon +framework +Running")
                .containsPattern("/web +app +Running +2/2 .* Healthy");

        SimpleResolver resolver = new SimpleResolver("127.0.0.1");
        resolver.setPort(stack.dns().dnsPort());
        resolver.setTimeout(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Lookup lookup = new Lookup("web.marathon.mesos.", Type.A);
            lookup.setResolver(resolver);
            lookup.setCache(null);
            Record[] answers = lookup.run();
            assertThat(answers).as(lookup.getErrorString()).isNotNull().hasSize(1);
            assertThat(((ARecord) answers[0]).getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        });
    }

    @Test
    @Order(2)
    void router_servesDashboardMasterMarathonAndLabelledApps() throws Exception {
        String router = stack.router().url();

        assertThat(get(router + "/")).containsIgnoringCase("<html");
        assertThat(Json.mesos().readTree(get(router + "/mesos/master/state")).path("frameworks").findValuesAsText("name"))
                .contains("marathon", "chronos");
        assertThat(Json.mesos().readTree(get(router + "/marathon/v2/info")).path("name").asText()).isEqualTo("marathon");
        // an app labelled DCOS_SERVICE_NAME is reachable under /service/<name>/, prefix stripped
        assertThat(get(router + "/service/web/")).contains("Directory listing for /");
        JsonNode health = Json.mesos().readTree(get(router + "/system/health"));
        assertThat(health.path("healthy").asBoolean()).as(health.toString()).isTrue();
        assertThat(health.path("components").path("marathon").path("health").asText()).isEqualTo("HEALTHY");
        assertThat(health.path("components").path("mesos_dns").path("health").asText()).isEqualTo("HEALTHY");
    }

    @Test
    @Order(3)
    void jobAdd_repeatingJob_runsAndCountsSuccesses() throws Exception {
        Path job = dir.resolve("job.json");
        Files.writeString(job, """
                {"name": "tick", "command": "echo tick", "schedule": "R/%s/PT2S", "epsilon": "PT30S",
                 "cpus": 0.1, "mem": 32}
                """.formatted(java.time.Instant.now().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));

        Cli.Run add = Cli.strata(env, "job", "add", job.toString());

        assertThat(add.code()).as(add.toString()).isZero();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Cli.Run history = Cli.strata(env, "job", "history", "tick", "--json");
            assertThat(history.code()).as(history.toString()).isZero();
            assertThat(history.json().path("successCount").asInt()).isGreaterThanOrEqualTo(2);
        });
        assertThat(Cli.strata(env, "job", "list").out()).containsPattern("tick +R/");
        assertThat(Cli.strata(env, "job", "remove", "tick").code()).isZero();
    }

    @Test
    @Order(4)
    void appAdd_invalidApp_isRefusedWithMarathonsReasonAndExit2() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"id\": \"/bad\", \"cmd\": \"sleep 1\", \"cpus\": -1}");

        Cli.Run add = Cli.strata(env, "app", "add", bad.toString());

        assertThat(add.code()).as(add.toString()).isEqualTo(2);
        assertThat(add.err()).contains("422").contains("/cpus");
    }

    @Test
    @Order(5)
    void appRemove_wait_endsTheTasks() {
        Cli.Run remove = Cli.strata(env, "app", "remove", "/web", "--wait", "--timeout", "60");

        assertThat(remove.code()).as(remove.toString()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Cli.strata(env, "app", "list", "--json").json()).isEmpty());
    }
}
