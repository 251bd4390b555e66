package io.strata.kubernetes.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.kubernetes.ApiServerFixture;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Watches over plain HTTP and WebSocket, expired revisions, bodies without type meta, and oversized bodies. */
class WatchHttpTest {

    private static ApiServerFixture server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        server = ApiServerFixture.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<String> send(String method, String path, String body, String contentType)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void watch_revisionZero_initialAddedThenLiveEvents() throws Exception {
        send("POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"before\"}}",
                "application/json");
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(server.url()
                + "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0&fieldSelector=metadata.name%3Dbefore"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).startsWith("{\"type\":\"ADDED\"").contains("\"name\":\"before\"");
            send("DELETE", "/api/v1/namespaces/default/configmaps/before", null, null);
            assertThat(in.readLine()).startsWith("{\"type\":\"DELETED\"");
        }
    }

    @Test
    void watch_burstOfEvents_eachOnItsOwnLineInOrder() throws Exception {
        // 150 synthetic ADDED events are queued at once: written in batches between flushes, still one per line
        send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"burst\"}}", "application/json");
        for (int i = 0; i < 150; i++) {
            send("POST", "/api/v1/namespaces/burst/configmaps", "{\"metadata\":{\"name\":\"b-" + (1000 + i)
                    + "\"}}", "application/json");
        }
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(server.url()
                + "/api/v1/namespaces/burst/configmaps?watch=true&resourceVersion=0")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < 150; i++) {
                assertThat(in.readLine()).startsWith("{\"type\":\"ADDED\"").contains("\"name\":\"b-" + (1000 + i) + "\"");
            }
            send("POST", "/api/v1/namespaces/burst/configmaps", "{\"metadata\":{\"name\":\"b-live\"}}",
                    "application/json");
            assertThat(in.readLine()).startsWith("{\"type\":\"ADDED\"").contains("\"name\":\"b-live\"");
        }
    }

    @Test
    void watch_expiredRevision_oneGoneEvent() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/namespaces/default/pods?watch=true&resourceVersion=1", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version: 1 (");
        assertThat(r.body()).endsWith("\"reason\":\"Expired\",\"code\":410}}\n");
    }

    @Test
    void watch_webSocket_receivesEvents() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(server.url().replace("http", "ws")
                + "/api/v1/namespaces/kube-system/configmaps?watch=true"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            messages.add(partial.toString());
                            partial.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).join();
        try {
            send("POST", "/api/v1/namespaces/kube-system/configmaps", "{\"metadata\":{\"name\":\"ws\"}}",
                    "application/json");
            await().atMost(Duration.ofSeconds(30)).until(() -> messages.stream().anyMatch(m -> m.contains("\"ws\"")));
            assertThat(messages.get(messages.size() - 1)).startsWith("{\"type\":\"ADDED\"");
        } finally {
            ws.abort();
        }
    }

    @Test
    void create_bodyWithoutTypeMeta_takesKindFromUrl() throws Exception {
        HttpResponse<String> r = send("POST", "/apis/apps/v1/namespaces/default/deployments",
                "{\"metadata\":{\"name\":\"bare\"},\"spec\":{\"selector\":{\"matchLabels\":{\"a\":\"b\"}},"
                        + "\"template\":{\"metadata\":{\"labels\":{\"a\":\"b\"}},\"spec\":{\"containers\":"
                        + "[{\"name\":\"c\",\"image\":\"nginx\"}]}}}}", "application/json");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).startsWith("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\"");
    }

    @Test
    void create_oversizedBody_413AndNothingStored() throws Exception {
        String big = "{\"metadata\":{\"name\":\"big\"},\"data\":{\"a\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}}";
        HttpResponse<String> r = send("POST", "/api/v1/namespaces/default/configmaps", big, "application/json");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Request entity too large: limit is 3145728\",\"reason\":\"RequestEntityTooLarge\","
                + "\"code\":413}");
        assertThat(send("GET", "/api/v1/namespaces/default/configmaps/big", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void get_missing_statusBodyAsUpstream() throws Exception {
        HttpResponse<String> r = send("GET", "/apis/apps/v1/namespaces/default/deployments/nope", null, null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"deployments.apps \\\"nope\\\" not found\",\"reason\":\"NotFound\",\"details\":"
                + "{\"name\":\"nope\",\"group\":\"apps\",\"kind\":\"deployments\"},\"code\":404}");
    }

    @Test
    void create_badLabelValue_invalid() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/namespaces/default/configmaps",
                "{\"metadata\":{\"name\":\"badlabel\",\"labels\":{\"a\":\"no spaces\"}}}", "application/json");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("\"field\":\"metadata.labels\"", "Invalid value: \\\"no spaces\\\"");
    }

    @Test
    void patch_unknownContentType_415() throws Exception {
        HttpResponse<String> r = send("PATCH", "/api/v1/namespaces/default/configmaps/x", "{}", "text/plain");
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).contains("\"reason\":\"UnsupportedMediaType\"");
    }

    @Test
    void discovery_aggregatedOnlyForExactV2() throws Exception {
        HttpResponse<String> v2 = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/apis")).header("Accept",
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(v2.headers().firstValue("Content-Type")).hasValue(
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        HttpResponse<String> beta = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/apis")).header("Accept",
                "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(beta.body()).startsWith("{\"kind\":\"APIGroupList\"");
    }

    @Test
    void binding_unboundPod_setsNodeOnceThenConflict() throws Exception {
        send("POST", "/api/v1/namespaces/default/pods", "{\"metadata\":{\"name\":\"tobind\"},\"spec\":"
                + "{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}", "application/json");
        String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"tobind\"},"
                + "\"target\":{\"kind\":\"Node\",\"name\":\"node-1\"}}";
        assertThat(send("POST", "/api/v1/namespaces/default/pods/tobind/binding", binding, "application/json")
                .statusCode()).isEqualTo(201);
        assertThat(send("GET", "/api/v1/namespaces/default/pods/tobind", null, null).body())
                .contains("\"nodeName\":\"node-1\"", "\"type\":\"PodScheduled\"");
        assertThat(send("POST", "/api/v1/namespaces/default/pods/tobind/binding", binding, "application/json")
                .statusCode()).isEqualTo(409);
        assertThat(send("POST", "/api/v1/namespaces/default/pods/tobind/eviction",
                "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"deleteOptions\":{\"gracePeriodSeconds\":0}}",
                "application/json").statusCode()).isEqualTo(201);
        assertThat(send("GET", "/api/v1/namespaces/default/pods/tobind", null, null).statusCode()).isEqualTo(404);
    }
}
