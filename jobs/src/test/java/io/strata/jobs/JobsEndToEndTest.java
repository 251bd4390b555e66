package io.strata.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The jobs framework on a real master and agent running real processes, with real ZooKeeper: scheduled,
 * dependent and failing jobs, and a restart of the framework.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    TestCluster cluster;
    JobsFramework jobs;
    ChronosClient api;

    @BeforeAll
    void start() throws InterruptedException {
        cluster = TestCluster.start(dir);
        jobs = JobsFramework.start(cluster.jobsConfig());
        assertThat(jobs.awaitSubscribed(WAIT)).as("subscribed").isTrue();
        api = new ChronosClient(jobs.url());
    }

    @AfterAll
    void stop() {
        if (jobs != null) {
            jobs.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String job(String name, String command, String tail) {
        return """
                {"name":"%s","command":"%s","cpus":0.1,"mem":32,"disk":0,"owner":"ops@example.com"%s}"""
                .formatted(name, command, tail);
    }

    @Test
    void scheduledJob_everyTwoSeconds_runsRepeatedlyAndRecordsHistory() {
        var reply = api.send("POST", "/v1/scheduler/iso8601",
                job("tick", "echo tick", ",\"schedule\":\"R/" + now() + "/PT2S\""));
        assertThat(reply.status()).isEqualTo(204);

        await().atMost(WAIT).untilAsserted(() -> assertThat(api.job("tick").path("successCount").asLong())
                .isGreaterThanOrEqualTo(3));

        JsonNode job = api.job("tick");
        assertThat(job.path("lastSuccess").asText()).isNotEmpty();
        assertThat(job.path("errorCount").asLong()).isZero();
        assertThat(job.path("shell").asBoolean()).isTrue();
        assertThat(job.path("retries").asInt()).isEqualTo(2);
        List<String> dues = new ArrayList<>();
        for (JsonNode run : api.runs("tick").path("runs")) {
            if (run.path("state").asText().equals("SUCCEEDED")) {
                assertThat(run.path("taskId").asText()).startsWith("ct:").endsWith(":0:tick:");
                assertThat(run.path("exitStatus").asInt()).isZero();
                dues.add(run.path("due").asText());
            }
        }
        assertThat(dues).as("one run per slot").doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void dependentJob_afterParentSucceeds_runs() {
        assertThat(api.send("POST", "/scheduler/iso8601",
                job("parent", "sleep 1", ",\"schedule\":\"R1/" + now() + "/PT1H\"")).status()).isEqualTo(204);
        assertThat(api.send("POST", "/scheduler/dependency",
                job("child", "true", ",\"parents\":[\"parent\"]")).status()).isEqualTo(204);

        await().atMost(WAIT).untilAsserted(() -> assertThat(api.job("child").path("successCount").asLong())
                .isEqualTo(1));

        JsonNode parentRun = api.runs("parent").path("runs").get(0);
        JsonNode childRun = api.runs("child").path("runs").get(0);
        assertThat(childRun.path("cause").asText()).isEqualTo("DEPENDENCY");
        assertThat(Instant.parse(childRun.path("launchedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(parentRun.path("finishedAt").asText()));
        assertThat(api.job("child").path("parents").get(0).asText()).isEqualTo("parent");
        assertThat(api.send("GET", "/v1/scheduler/graph/csv", null).body()).contains("link,parent,child");
    }

    @Test
    void failingJob_withOneRetry_isRetriedAndCounted() {
        api.send("POST", "/v1/scheduler/iso8601",
                job("broken", "exit 3", ",\"retries\":1,\"schedule\":\"R1/" + now() + "/PT1H\""));

        await().atMost(WAIT).untilAsserted(() -> assertThat(api.job("broken").path("errorCount").asLong())
                .isEqualTo(1));

        JsonNode runs = api.runs("broken").path("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).path("attempt").asInt()).isEqualTo(1);
        assertThat(runs.get(0).path("cause").asText()).isEqualTo("RETRY");
        assertThat(runs.get(1).path("attempt").asInt()).isZero();
        for (JsonNode run : runs) {
            assertThat(run.path("state").asText()).isEqualTo("FAILED");
            assertThat(run.path("exitStatus").asInt()).isEqualTo(3);
        }
        JsonNode job = api.job("broken");
        assertThat(job.path("successCount").asLong()).isZero();
        assertThat(job.path("lastError").asText()).isNotEmpty();
        assertThat(job.path("errorsSinceLastSuccess").asLong()).isEqualTo(1);
    }

    @Test
    void manualRun_putJob_runsNow() {
        api.send("POST", "/v1/scheduler/iso8601",
                job("later", "true", ",\"schedule\":\"R/2099-01-01T00:00:00Z/P1D\""));

        assertThat(api.send("PUT", "/v1/scheduler/job/later", null).status()).isEqualTo(204);

        await().atMost(WAIT).untilAsserted(() -> assertThat(api.job("later").path("successCount").asLong())
                .isEqualTo(1));
        assertThat(api.send("PUT", "/v1/scheduler/job/nosuchjob", null).status()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing name       | {\"command\":\"true\",\"schedule\":\"R/2030-01-01T00:00:00Z/PT1M\"} | name",
        "bad name           | {\"name\":\"a/b\",\"command\":\"true\",\"schedule\":\"R//PT1M\"} | name",
        "missing command    | {\"name\":\"x\",\"schedule\":\"R/2030-01-01T00:00:00Z/PT1M\"} | command",
        "missing schedule   | {\"name\":\"x\",\"command\":\"true\"} | schedule",
        "bad schedule       | {\"name\":\"x\",\"command\":\"true\",\"schedule\":\"R/2030-01-01/10M\"} | schedule",
        "bad period         | {\"name\":\"x\",\"command\":\"true\",\"schedule\":\"R//P\"} | schedule",
        "bad zone           | {\"name\":\"x\",\"command\":\"true\",\"schedule\":\"R//PT1M\",\"scheduleTimeZone\":\"Mars/X\"} | scheduleTimeZone",
        "bad cron           | {\"name\":\"x\",\"command\":\"true\",\"cron\":\"61 * * * *\"} | cron",
        "cpus as string     | {\"name\":\"x\",\"command\":\"true\",\"schedule\":\"R//PT1M\",\"cpus\":\"lots\"} | cpus",
        "negative mem       | {\"name\":\"x\",\"command\":\"true\",\"schedule\":\"R//PT1M\",\"mem\":-1} | mem",
        "bad retries        | {\"name\":\"x\",\"command\":\"true\",\"schedule\":\"R//PT1M\",\"retries\":1.5} | retries",
        "bad epsilon        | {\"name\":\"x\",\"command\":\"true\",\"schedule\":\"R//PT1M\",\"epsilon\":\"60\"} | epsilon",
        "bad constraint     | {\"name\":\"x\",\"command\":\"true\",\"schedule\":\"R//PT1M\",\"constraints\":[[\"rack\",\"NEAR\",\"a\"]]} | constraints[0]",
        "bad env            | {\"name\":\"x\",\"command\":\"true\",\"schedule\":\"R//PT1M\",\"environmentVariables\":[{\"value\":\"1\"}]} | environmentVariables[0].name",
        "malformed JSON     | {\"name\": | body",
    })
    void postIso8601_invalidJob_is400NamingTheField(String description, String body, String field) {
        var reply = api.send("POST", "/v1/scheduler/iso8601", body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.body()).startsWith(field + ":");
    }

    @Test
    void postDependency_unknownParent_is400NamingParents() {
        var reply = api.send("POST", "/v1/scheduler/dependency", job("orphan", "true", ",\"parents\":[\"ghost\"]"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).startsWith("parents:").contains("ghost");
        assertThat(api.job("orphan")).isNull();
    }

    @Test
    void deleteJob_thenGet_isGoneAndUnknownIs400() {
        api.send("POST", "/v1/scheduler/iso8601", job("doomed", "true", ",\"schedule\":\"R/2099-01-01T00:00:00Z/P1D\""));

        assertThat(api.send("DELETE", "/v1/scheduler/job/doomed", null).status()).isEqualTo(204);
        assertThat(api.job("doomed")).isNull();
        assertThat(api.send("DELETE", "/v1/scheduler/job/doomed", null).status()).isEqualTo(400);
    }

    @Test
    void search_byName_isCaseInsensitiveSubstring() {
        api.send("POST", "/v1/scheduler/iso8601", job("Nightly-Report", "true",
                ",\"schedule\":\"R/2099-01-01T00:00:00Z/P1D\""));

        JsonNode found = api.send("GET", "/v1/scheduler/jobs/search?name=nightly", null).json();

        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("name").asText()).isEqualTo("Nightly-Report");
        assertThat(found.get(0).path("schedule").asText()).isEqualTo("R/2099-01-01T00:00:00Z/P1D");
    }

    @Test
    void asyncJob_taskFinished_succeedsOnlyWhenItsReportSaysSo() {
        assertThat(api.send("POST", "/v1/scheduler/iso8601",
                job("async-export", "true", ",\"async\":true,\"schedule\":\"R1/" + now() + "/PT1H\"")).status())
                .isEqualTo(204);

        // the task ran and finished, but an async job waits for its report
        await().atMost(WAIT).untilAsserted(() -> assertThat(api.runs("async-export").path("runs").get(0)
                .path("state").asText()).isEqualTo("AWAITING_REPORT"));
        assertThat(api.job("async-export").path("successCount").asLong()).isZero();
        String taskId = api.runs("async-export").path("runs").get(0).path("taskId").asText();

        assertThat(api.send("PUT", "/v1/scheduler/task/" + taskId, "{\"statusCode\":\"zero\"}").status())
                .isEqualTo(400);
        assertThat(api.send("PUT", "/v1/scheduler/task/ct:1:0:nothing:", "{\"statusCode\":0}").status())
                .isEqualTo(404);
        assertThat(api.send("PUT", "/v1/scheduler/task/" + taskId, "{\"statusCode\":0}").status()).isEqualTo(204);

        JsonNode job = api.job("async-export");
        assertThat(job.path("successCount").asLong()).isEqualTo(1);
        assertThat(job.path("lastSuccess").asText()).isNotEmpty();
        assertThat(api.runs("async-export").path("runs").get(0).path("state").asText()).isEqualTo("SUCCEEDED");
    }
}
