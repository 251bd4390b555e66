package io.strata.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the jobs framework on one ZooKeeper path: the standby redirects to the leader, and when the
 * leader goes away the standby takes over with the same framework id, the jobs, their schedule and history.
 */
class JobsFailoverTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    TestCluster cluster;
    JobsFramework first;
    JobsFramework second;

    @AfterEach
    void stop() {
        for (JobsFramework f : new JobsFramework[] {second, first}) {
            if (f != null) {
                f.close();
            }
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void leaderCloses_standbyTakesOverWithScheduleAndHistory() throws InterruptedException {
        cluster = TestCluster.start(dir);
        first = JobsFramework.start(cluster.jobsConfig());
        assertThat(first.awaitSubscribed(WAIT)).isTrue();
        second = JobsFramework.start(cluster.jobsConfig());
        ChronosClient leader = new ChronosClient(first.url());
        ChronosClient standby = new ChronosClient(second.url());
        String start = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        assertThat(leader.send("POST", "/v1/scheduler/iso8601", """
                {"name":"beat","command":"true","cpus":0.1,"mem":32,"disk":0,"schedule":"R/%s/PT2S"}"""
                .formatted(start)).status()).isEqualTo(204);
        await().atMost(WAIT).untilAsserted(() -> assertThat(leader.job("beat").path("successCount").asLong())
                .isGreaterThanOrEqualTo(2));

        var redirect = standby.send("GET", "/v1/scheduler/jobs?x=1", null);
        assertThat(redirect.status()).isEqualTo(307);
        assertThat(redirect.raw().headers().firstValue("Location")).hasValue(first.url() + "/v1/scheduler/jobs?x=1");

        String frameworkId = first.frameworkId().orElseThrow();
        long successesBefore = leader.job("beat").path("successCount").asLong();
        first.close();
        first = null;

        assertThat(second.awaitSubscribed(WAIT)).isTrue();
        assertThat(second.frameworkId()).hasValue(frameworkId);
        JsonNode job = standby.job("beat");
        assertThat(job.path("schedule").asText()).isEqualTo("R/" + start + "/PT2S");
        assertThat(job.path("successCount").asLong()).isGreaterThanOrEqualTo(successesBefore);
        await().atMost(WAIT).untilAsserted(() -> assertThat(standby.job("beat").path("successCount").asLong())
                .isGreaterThan(successesBefore + 1));
        Set<String> dues = new HashSet<>();
        for (JsonNode run : standby.runs("beat").path("runs")) {
            if (run.path("attempt").asInt() == 0) {
                assertThat(dues.add(run.path("due").asText())).as("one run for slot " + run.path("due")).isTrue();
            }
        }
    }
}
