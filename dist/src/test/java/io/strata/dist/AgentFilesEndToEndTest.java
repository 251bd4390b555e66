package io.strata.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.mesos.FrameworkInfo;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The agent's sandbox files API on a real agent: good reads, and 4xx (never 500) for bad input. */
class AgentFilesEndToEndTest {
    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static String sandbox;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void up() {
        cluster = LocalCluster.start(LocalCluster.Settings.forTests(dir, 1).withAgentResources(
                "cpus:1;mem:512;disk:512;ports:[31000-31100]"), line -> { });
        try (TestScheduler scheduler = TestScheduler.subscribe(cluster.master().url(),
                TestScheduler.info("files", 0, FrameworkInfo.Capability.Type.PARTITION_AWARE))) {
            scheduler.launch(new TestScheduler.TaskRequest("writer", "printf 0123456789", "cpus:0.1;mem:32", null,
                    null));
            scheduler.awaitTerminal("writer", Duration.ofSeconds(15));
        }
        var containers = cluster.agents().get(0).containers();
        sandbox = java.util.stream.Stream.concat(containers.all().stream(), containers.completed().stream())
                .findFirst().orElseThrow().sandbox.toString();
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cluster.agents().get(0).url() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encoded(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    @Test
    void read_stdoutWithOffsetAndLength_returnsThatSlice() throws Exception {
        HttpResponse<String> r = get("/files/read?path=" + encoded(sandbox + "/stdout") + "&offset=2&length=3");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode json = Json.parse(r.body().getBytes(StandardCharsets.UTF_8), JsonNode.class);
        assertThat(json.path("data").asText()).isEqualTo("234");
        assertThat(json.path("offset").asLong()).isEqualTo(2);
    }

    @Test
    void browse_sandbox_listsStdoutAndStderr() throws Exception {
        HttpResponse<String> r = get("/files/browse?path=" + encoded(sandbox));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("stdout").contains("stderr");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "outside the work dir | /files/read?path=/etc/passwd                   | 403",
        "traversal out        | /files/read?path=SANDBOX/../../../../../../../../../../../../../../../../etc/passwd| 403",
        "browse outside       | /files/browse?path=/etc                        | 403",
        "missing path         | /files/read                                    | 400",
        "empty path           | /files/read?path=                              | 400",
        "unknown file         | /files/read?path=SANDBOX/no-such-file          | 404",
        "bad offset           | /files/read?path=SANDBOX/stdout&offset=abc     | 400",
        "negative offset      | /files/read?path=SANDBOX/stdout&offset=-5      | 400",
        "bad length           | /files/read?path=SANDBOX/stdout&length=x       | 400",
    })
    void files_badInput_answers4xx(String name, String request, int status) throws Exception {
        HttpResponse<String> r = get(request.replace("SANDBOX", encoded(sandbox)));

        assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(status);
    }
}
