package io.strata.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.master.Master;
import io.strata.testing.framework.TestFramework;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The router in front of real HTTP servers and a real master: {@code /service/stream} is found through the
 * {@code webui_url} of a real framework named {@code stream}; streams pass through unbuffered, WebSockets are
 * tunnelled, down and unknown upstreams answer JSON errors naming the service.
 */
class RouterStreamingTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private TestUpstream upstream;
    private TestMasters masters;
    private Master master;
    private TestFramework framework;
    private AdminRouter router;
    private int downPort;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        masters = new TestMasters();
        master = masters.start();
        framework = TestFramework.subscribe(master.url(), TestFramework.info("stream", upstream.url()));
        try (ServerSocket s = new ServerSocket(0)) {
            downPort = s.getLocalPort(); // closed again: nothing listens there
        }
        URI down = URI.create("http://127.0.0.1:" + downPort);
        router = AdminRouter.start(RouterConfig.defaults(master.url()).withListen("127.0.0.1", 0)
                .withServices(down).withJobs(down));
    }

    @AfterEach
    void stop() throws Exception {
        router.close();
        framework.close();
        masters.close();
        upstream.close();
    }

    @Test
    void serviceRoute_frameworkWebUi_stripsThePrefixAndAddsForwardedHeaders() throws Exception {
        HttpResponse<String> r = get("/service/stream/echo/a%20b?x=1");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode seen = Json.mesos().readTree(r.body());
        assertThat(seen.path("path").asText()).isEqualTo("/echo/a%20b");
        assertThat(seen.path("query").asText()).isEqualTo("x=1");
        assertThat(seen.path("host").asText()).isEqualTo("127.0.0.1:" + upstream.port());
        assertThat(seen.path("x_forwarded_prefix").asText()).isEqualTo("/service/stream");
        assertThat(seen.path("x_forwarded_for").asText()).isEqualTo("127.0.0.1");
        assertThat(seen.path("x_forwarded_host").asText()).isEqualTo("127.0.0.1:" + router.port());
    }

    @Test
    void serviceRoute_postWithABody_reachesTheUpstreamWhole() throws Exception {
        String body = "x".repeat(200_000);
        HttpResponse<String> r = http.send(request("/service/stream/echo-body")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("POST " + body);
    }

    @Test
    void serviceRoute_upstreamRedirectsToItself_locationGoesBackThroughTheRouter() throws Exception {
        HttpResponse<String> r = get("/service/stream/redirect");

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/service/stream/echo/after");
    }

    @Test
    void serviceRoute_frameworkMovesAndItsOldUiDies_followsTheNewOne() throws Exception {
        try (TestUpstream moved = new TestUpstream()) {
            assertThat(get("/service/stream/echo").statusCode()).isEqualTo(200);
            framework.close(); // torn down: a new 'stream' framework serves its UI elsewhere
            framework = TestFramework.subscribe(master.url(), TestFramework.info("stream", moved.url()));
            upstream.close();

            // the first request may still meet the dead task (502), which expires the cached table
            Awaitility.await("the router follows the app").atMost(Duration.ofSeconds(30))
                    .until(() -> get("/service/stream/echo").body().contains("/echo"));
            assertThat(Json.mesos().readTree(get("/service/stream/echo").body()).path("host").asText())
                    .isEqualTo("127.0.0.1:" + moved.port());
        }
    }

    @Test
    void serverSentEvents_firstEventArrivesWhileTheUpstreamIsStillWriting() throws Exception {
        assertStreamsIncrementally("/service/stream/sse", "data: first\n\n", "data: second\n\n");
    }

    @Test
    void chunkedWatch_firstLineArrivesWhileTheUpstreamIsStillWriting() throws Exception {
        assertStreamsIncrementally("/service/stream/watch", "{\"type\":\"ADDED\"}\n", "{\"type\":\"MODIFIED\"}\n");
    }

    @Test
    void chunkedWatch_clientOffersH2cUpgrade_streamsAsHttp11() throws Exception {
        // the JDK client's default (HTTP/2) sends 'Upgrade: h2c' with its first request to a host: this is no
        // tunnel, and the watch must stream as it does without the offer
        HttpClient h2cOffering = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<InputStream> r = h2cOffering.send(request("/service/stream/watch").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        try (InputStream body = r.body()) {
            String first = "{\"type\":\"ADDED\"}\n";
            CompletableFuture<String> firstPart = CompletableFuture.supplyAsync(() -> readExactly(body, first.length()));
            assertThat(firstPart.get(30, TimeUnit.SECONDS)).isEqualTo(first);
            upstream.release();
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"MODIFIED\"}\n");
        }
    }

    /**
     * The upstream holds its second part until {@link TestUpstream#release()}: the first part can only be read
     * here if the router passed it on without waiting for the end.
     */
    private void assertStreamsIncrementally(String path, String first, String second) throws Exception {
        HttpResponse<InputStream> r = http.send(request(path).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        try (InputStream body = r.body()) {
            CompletableFuture<String> firstPart = CompletableFuture.supplyAsync(() -> readExactly(body, first.length()));
            assertThat(firstPart.get(30, TimeUnit.SECONDS)).isEqualTo(first);
            upstream.release();
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(second);
        }
    }

    @Test
    void webSocket_throughTheRouter_echoes() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + router.port() + "/service/stream/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        reply.completeExceptionally(error);
                    }
                }).get(30, TimeUnit.SECONDS);
        ws.sendText("hello", true).get(30, TimeUnit.SECONDS);

        assertThat(reply.get(30, TimeUnit.SECONDS)).isEqualTo("echo: hello");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(30, TimeUnit.SECONDS);
    }

    @Test
    void downUpstream_answers502NamingTheService() throws Exception {
        HttpResponse<String> r = get("/chronos/scheduler/jobs");

        assertThat(r.statusCode()).isEqualTo(502);
        JsonNode body = Json.mesos().readTree(r.body());
        assertThat(body.path("service").asText()).isEqualTo("chronos");
        assertThat(body.path("message").asText()).contains("chronos").contains("unavailable");
    }

    @Test
    void unknownService_answers404NamingIt() throws Exception {
        HttpResponse<String> r = get("/service/nosuch/x");

        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode body = Json.mesos().readTree(r.body());
        assertThat(body.path("service").asText()).isEqualTo("nosuch");
        assertThat(body.path("message").asText()).contains("'nosuch'");
    }

    @Test
    void systemHealth_reportsEachComponent() throws Exception {
        HttpResponse<String> r = get("/system/health");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Json.mesos().readTree(r.body());
        assertThat(body.path("healthy").asBoolean()).isFalse();
        assertThat(body.at("/components/mesos/health").asText()).isEqualTo("HEALTHY");
        assertThat(body.at("/components/marathon/health").asText()).isEqualTo("UNHEALTHY");
        assertThat(body.at("/components/chronos/health").asText()).isEqualTo("UNHEALTHY");
        assertThat(body.at("/components/mesos_dns/health").asText()).isEqualTo("NOT_CONFIGURED");
    }

    @Test
    void root_servesThePlaceholderDashboard() throws Exception {
        HttpResponse<String> r = get("/");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.body()).contains("Strata");
    }

    @Test
    void prefixWithoutSlash_redirectsToTheSlashForm() throws Exception {
        HttpResponse<String> r = get("/service/stream?x=1");

        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("Location")).hasValue("/service/stream/?x=1");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(router.url() + path)).timeout(Duration.ofSeconds(30));
    }

    private static String readExactly(InputStream in, int n) {
        try {
            return new String(in.readNBytes(n), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
