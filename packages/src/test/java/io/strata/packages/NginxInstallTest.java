package io.strata.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.agent.Agent;
import io.strata.agent.AgentConfig;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import io.strata.services.ServicesConfig;
import io.strata.services.ServicesFramework;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the built-in nginx package installed through the package API onto a real cluster (ZooKeeper, master,
 * one agent running real processes in cgroups, the services framework), then answering HTTP, listed and uninstalled.
 */
class NginxInstallTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;
    static TestingServer zk;
    static Master master;
    static Agent agent;
    static ServicesFramework services;
    static PackageService packages;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")), "Debian's nginx is not installed");
        zk = new TestingServer(true);
        master = Master.start(MasterConfig.defaults("127.0.0.1", 0, zk.getConnectString() + "/strata")
                .withHeartbeatInterval(Duration.ofSeconds(1)));
        assertThat(master.awaitLeadership(Duration.ofSeconds(30))).isTrue();
        Path work = dir.resolve("agent").toAbsolutePath();
        agent = Agent.start(AgentConfig.defaults("127.0.1.1", 0, master.url(), work)
                .withResources("cpus:2;mem:2048;disk:1000;ports:[37100-37199]").withIsolation("cgroups")
                .withCgroupName("pkg-test-" + Integer.toHexString(work.toString().hashCode())));
        services = ServicesFramework.start(ServicesConfig.defaults(zk.getConnectString() + "/marathon", master.url())
                .withPort(0));
        assertThat(services.awaitLeadership(Duration.ofSeconds(30))).isTrue();
        packages = PackageService.start(new PackagesConfig(zk.getConnectString() + "/strata", services.url(),
                "http://127.0.0.1:7070", null, "127.0.0.1", 0));
    }

    @AfterAll
    static void stop() throws Exception {
        if (packages != null) {
            packages.close();
        }
        if (services != null) {
            services.close();
        }
        if (agent != null) {
            agent.shutdown(Duration.ofSeconds(5));
        }
        if (master != null) {
            master.close();
        }
        if (zk != null) {
            zk.close();
        }
    }

    private static JsonNode send(String base, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return JSON.createObjectNode().put("status", response.statusCode()).set("body", json);
    }

    @Test
    void install_nginx_servesItsPageThenUninstalls() throws Exception {
        JsonNode installed = send(packages.url(), "POST", "/package/install", """
                {"packageName":"nginx","options":{"nginx":{"welcome":"hello from a Strata package"}}}""");
        assertThat(installed.get("status").asInt()).as(installed.toString()).isEqualTo(200);
        assertThat(installed.at("/body/appId").asText()).isEqualTo("/nginx");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode app = send(services.url(), "GET", "/v2/apps/nginx", null).at("/body/app");
            assertThat(app.path("tasksHealthy").asInt()).as(app + " queue "
                    + send(services.url(), "GET", "/v2/queue", null)).isEqualTo(1);
        });
        JsonNode task = send(services.url(), "GET", "/v2/apps/nginx/tasks", null).at("/body/tasks/0");
        String url = "http://" + task.get("host").asText() + ":" + task.at("/ports/0").asInt() + "/";
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("hello from a Strata package");
        assertThat(page.headers().firstValue("Server").orElse("")).startsWith("nginx");

        JsonNode listed = send(packages.url(), "POST", "/package/list", "{}");
        assertThat(listed.at("/body/packages/0/appId").asText()).isEqualTo("/nginx");
        JsonNode removed = send(packages.url(), "POST", "/package/uninstall", "{\"packageName\":\"nginx\"}");
        assertThat(removed.get("status").asInt()).as(removed.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(send(services.url(), "GET", "/v2/apps/nginx", null).get("status").asInt()).isEqualTo(404));
    }
}
