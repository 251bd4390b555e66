package io.strata.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.mesos.TaskState;
import io.strata.testing.framework.TestFramework;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dashboard server's HTTP endpoints against a real master and agent running a real task. */
@ExtendWith(SharedCluster.class)
class DashboardServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestCluster cluster;
    private static TestFramework framework;

    @BeforeAll
    static void start() {
        cluster = SharedCluster.cluster();
        framework = TestFramework.subscribe(cluster.master.url(), "dashboard-http-test");
        framework.launch("echo-task", "echo hello from the sandbox; echo to stderr >&2; sleep 600");
        framework.awaitState("echo-task", TaskState.TASK_RUNNING);
    }

    @AfterAll
    static void stop() {
        if (framework != null) {
            framework.close();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(cluster.dashboard.url().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mesos().readTree(response.body());
    }

    @Test
    void history_afterSampling_holdsTheMastersAllocation() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> json(get("/dashboard/api/history")).path("samples")
                .size() >= 2);
        JsonNode history = json(get("/dashboard/api/history"));
        assertThat(history.path("intervalSeconds").asDouble()).isEqualTo(0.5);
        JsonNode last = history.path("samples").get(history.path("samples").size() - 1);
        assertThat(last.path("cpusTotal").asDouble()).isEqualTo(2.0);
        assertThat(last.path("memTotal").asDouble()).isEqualTo(2048.0);
        // the running task holds 0.1 CPU and 32 MB
        assertThat(last.path("cpusUsed").asDouble()).isGreaterThanOrEqualTo(0.1);
        assertThat(last.path("memUsed").asDouble()).isGreaterThanOrEqualTo(32.0);
        assertThat(last.path("tasksRunning").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(last.path("agentsActive").asLong()).isEqualTo(1);
    }

    @Test
    void events_taskStarts_streamsItsOperatorEventAndANewSummary() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(
                cluster.dashboard.url().resolve("/dashboard/api/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // closed by the test
            }
        });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("event: summary"));
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("data: {\"connected\":true"));
            framework.launch("sse-task", "sleep 600");
            await().atMost(Duration.ofSeconds(60)).until(() -> lines.stream().anyMatch(line ->
                    line.contains("\"TASK_UPDATED\"") && line.contains("sse-task") && line.contains("TASK_RUNNING")));
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("event: sample"));
        } finally {
            response.body().close();
            reader.interrupt();
        }
        assertThat(cluster.dashboard.summary().taskCounts().get("TASK_RUNNING")).isGreaterThanOrEqualTo(2L);
    }

    @Test
    void log_runningTask_returnsItsStdoutAndStderr() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/dashboard/api/tasks/echo-task/log?offset=0")
                .body().contains("hello from the sandbox"));
        JsonNode chunk = json(get("/dashboard/api/tasks/echo-task/log?file=stdout&offset=0"));
        assertThat(chunk.path("offset").asLong()).isZero();
        assertThat(chunk.path("end").asLong()).isEqualTo("hello from the sandbox\n".length());
        assertThat(chunk.path("agent").asText()).startsWith("http://127.0.0.1:");
        JsonNode rest = json(get("/dashboard/api/tasks/echo-task/log?file=stdout&offset=" + chunk.path("end")));
        assertThat(rest.path("data").asText()).isEmpty();
        JsonNode tail = json(get("/dashboard/api/tasks/echo-task/log?file=stdout"));
        assertThat(tail.path("data").asText()).isEqualTo("hello from the sandbox\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/dashboard/api/tasks/echo-task/log?file=stderr")
                .body().contains("to stderr"));
    }

    @Test
    void log_unknownTask_is404NamingIt() throws Exception {
        HttpResponse<String> response = get("/dashboard/api/tasks/no-such-task/log");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("message").asText()).contains("no-such-task");
    }

    @Test
    void log_badFileOrOffset_is400NamingTheParameter() throws Exception {
        HttpResponse<String> file = get("/dashboard/api/tasks/echo-task/log?file=..%2Fetc%2Fpasswd");
        assertThat(file.statusCode()).isEqualTo(400);
        assertThat(json(file).path("message").asText()).startsWith("file must be one of");
        HttpResponse<String> offset = get("/dashboard/api/tasks/echo-task/log?offset=ten");
        assertThat(offset.statusCode()).isEqualTo(400);
        assertThat(json(offset).path("message").asText()).startsWith("offset must be");
    }

    @Test
    void unknownApi_is404Json() throws Exception {
        HttpResponse<String> response = get("/dashboard/api/nothing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("message").asText()).contains("/dashboard/api/nothing");
    }

    @Test
    void root_servesTheUiAndChartJsFromItsWebJar() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<script type=\"module\" src=\"/js/app.js\">");
        HttpResponse<String> app = get("/js/app.js");
        assertThat(app.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        HttpResponse<String> chart = get("/webjars/chart.js/4.4.1/dist/chart.umd.js");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.body()).contains("Chart.js v4.4.1");
    }

    @Test
    void mesosPassThrough_answersWithTheMastersState() throws Exception {
        HttpResponse<String> state = get("/mesos/master/state");
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(json(state).path("slaves").get(0).path("attributes").path("rack").asText()).isEqualTo("r1");
    }

    @Test
    void passThrough_upstreamDown_is502NamingIt() throws Exception {
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             DashboardServer alone = startAloneWithServices(closed)) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(alone.url().resolve("/marathon/v2/apps"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(json(response).path("message").asText()).startsWith("the services upstream http://127.0.0.1:");
        }
    }

    /** A dashboard whose services upstream is a port that was bound and is now closed: nobody answers there. */
    private static DashboardServer startAloneWithServices(java.net.ServerSocket socket) throws Exception {
        int port = socket.getLocalPort();
        socket.close();
        return DashboardServer.start(DashboardConfig.defaults(cluster.master.url()).withListen("127.0.0.1", 0)
                .withServicesUpstream(URI.create("http://127.0.0.1:" + port)));
    }

    @Test
    void servicesPassThrough_notConfigured_is404() throws Exception {
        assertThat(get("/marathon/v2/apps").statusCode()).isEqualTo(404);
    }
}
