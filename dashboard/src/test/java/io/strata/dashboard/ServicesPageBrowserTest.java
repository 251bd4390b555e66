package io.strata.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.strata.services.ServicesFramework;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Services page in a real headless Chromium against the real services framework (Marathon v2 API) on the
 * run's master and agent: an app whose tasks are real HTTP servers with HTTP health checks is shown Healthy,
 * scaled, restarted and destroyed through the page's buttons; the Dashboard shows its health.
 */
@ExtendWith({SharedCluster.class, ScreenshotOnFailure.class})
class ServicesPageBrowserTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String APP = "/web";
    private static TestCluster cluster;
    private static ServicesFramework services;
    private static DashboardServer dashboard;
    private static Browser browser;

    @BeforeAll
    static void start() {
        assumeTrue(Browser.available(), Browser.MISSING);
        cluster = SharedCluster.cluster();
        services = SharedCluster.services();
        dashboard = DashboardServer.start(DashboardConfig.defaults(cluster.master.url()).withListen("127.0.0.1", 0)
                .withMesosUpstream(URI.create(cluster.master.url()))
                .withServicesUpstream(URI.create(services.url())));
        browser = SharedCluster.browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            call("DELETE", services.url() + "/v2/apps" + APP, null);
        }
        if (dashboard != null) {
            dashboard.close();
        }
    }

    private static int call(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body()
                .strip();
    }

    private static void open(String hash) {
        browser.open(dashboard.url(), hash);
    }

    private static String text(By by) {
        return browser.text(by);
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    @Test
    void services_healthyApp_isScaledRestartedAndDestroyedThroughTheMarathonApi() throws Exception {
        assertThat(call("POST", services.url() + "/v2/apps", """
                {"id": "/web", "cmd": "exec python3 -m http.server $PORT0", "cpus": 0.1, "mem": 32, "instances": 1,
                 "healthChecks": [{"protocol": "HTTP", "path": "/", "portIndex": 0, "gracePeriodSeconds": 30,
                                   "intervalSeconds": 1, "timeoutSeconds": 2, "maxConsecutiveFailures": 5}]}
                """)).isEqualTo(201);
        open("services");
        By row = By.cssSelector("tr[data-app='" + APP + "']");
        browser.await(d -> text(row).contains("Healthy") && text(testId("instances-" + APP)).equals("1 / 1"));
        browser.await(d -> text(By.cssSelector("tr[data-framework='marathon']")).contains("Healthy"));
        browser.screenshot("services-apps");

        WebElement scaleTo = browser.driver.findElement(testId("scale-input-" + APP));
        scaleTo.clear();
        scaleTo.sendKeys("2");
        browser.click(testId("scale-" + APP));
        browser.await(d -> text(By.id("services-message")).contains("Scale /web to 2: accepted"));
        browser.await(d -> text(testId("instances-" + APP)).equals("2 / 2") && text(row).contains("Healthy"));

        open("dashboard");
        browser.await(d -> text(testId("health-" + APP)).equals("Healthy"));
        browser.await(d -> text(testId("health-marathon")).equals("Healthy"));
        browser.screenshot("dashboard-services-health");

        open("services");
        browser.await(d -> !d.findElements(testId("restart-" + APP)).isEmpty());
        browser.click(testId("restart-" + APP));
        browser.await(d -> text(By.id("services-message")).contains("Restart /web: accepted"));
        // the restart is a deployment; Marathon refuses to destroy an app while one runs (409)
        await().atMost(Duration.ofSeconds(60)).until(() -> get(services.url() + "/v2/deployments").equals("[]"));
        browser.await(d -> text(row).contains("Running") && text(testId("instances-" + APP)).equals("2 / 2"));

        browser.script("window.confirm = () => true");
        browser.click(testId("destroy-" + APP));
        browser.await(d -> text(By.id("services-message")).contains("Destroy /web: accepted"));
        browser.await(d -> d.findElements(row).isEmpty());
        assertThat(call("GET", services.url() + "/v2/apps/web", null)).isEqualTo(404);
    }
}
