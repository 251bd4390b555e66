package io.strata.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard server and the package service get whole paths: they serve their prefixes themselves. */
class RouterWholePathTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestUpstream dashboard;
    private TestUpstream packages;
    private AdminRouter router;

    @BeforeEach
    void start() {
        dashboard = new TestUpstream();
        packages = new TestUpstream();
        router = AdminRouter.start(RouterConfig.defaults("http://127.0.0.1:1").withListen("127.0.0.1", 0)
                .withDashboard(URI.create(dashboard.url())).withPackages(URI.create(packages.url())));
    }

    @AfterEach
    void stop() {
        router.close();
        packages.close();
        dashboard.close();
    }

    @Test
    void root_withADashboardServer_isProxiedToIt() throws Exception {
        JsonNode seen = seen("/echo-root/index.html");

        assertThat(seen.path("path").asText()).isEqualTo("/echo-root/index.html");
        assertThat(seen.path("host").asText()).isEqualTo("127.0.0.1:" + dashboard.port());
        assertThat(seen.path("x_forwarded_prefix").asText()).isEmpty();
    }

    @Test
    void dashboardApi_keepsItsPrefix() throws Exception {
        JsonNode seen = seen("/dashboard/api/history?x=1");

        assertThat(seen.path("path").asText()).isEqualTo("/dashboard/api/history");
        assertThat(seen.path("host").asText()).isEqualTo("127.0.0.1:" + dashboard.port());
    }

    @Test
    void packageApi_goesToThePackageServiceWhole() throws Exception {
        JsonNode seen = seen("/package/search?q=nginx");

        assertThat(seen.path("path").asText()).isEqualTo("/package/search");
        assertThat(seen.path("query").asText()).isEqualTo("q=nginx");
        assertThat(seen.path("host").asText()).isEqualTo("127.0.0.1:" + packages.port());
    }

    private JsonNode seen(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(router.url() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.mesos().readTree(r.body());
    }

    @Test
    void artifactsStrataJar_notRunningFromAJar_isA404SayingSo() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(router.url()
                + "/artifacts/strata.jar")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("strata.jar is served only when Strata runs from its jar");
    }

    @Test
    void artifacts_unknownName_isA404NamingIt() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(router.url()
                + "/artifacts/other.tgz")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("no artifact 'other.tgz'");
    }
}
