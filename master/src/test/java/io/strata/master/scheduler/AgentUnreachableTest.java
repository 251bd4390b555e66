package io.strata.master.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.master.Master;
import io.strata.master.testkit.FakeAgent;
import io.strata.master.testkit.Http;
import io.strata.master.testkit.TestCluster;
import io.strata.master.testkit.TestScheduler;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A silent agent becomes unreachable after 3 missed 200 ms pings, and comes back by re-subscribing. */
class AgentUnreachableTest {
    private TestCluster cluster;
    private Master master;
    private FakeAgent agent;

    @BeforeEach
    void start() {
        cluster = TestCluster.start();
        master = cluster.startLeader(c -> c.withAgentPing(Duration.ofMillis(200), 3));
        agent = FakeAgent.standard(master.url(), "a1").subscribe();
    }

    @AfterEach
    void stop() {
        agent.close();
        cluster.close();
    }

    @Test
    void silentAgent_partitionAwareFramework_getsUnreachableAndFailureThenRunningAgain() {
        try (TestScheduler fw = TestScheduler.subscribe(master.url(), TestScheduler.PARTITION_AWARE)) {
            fw.launch(fw.awaitOffer(), "t1", 1, 128);
            fw.awaitUpdate("t1", "TASK_RUNNING");

            JsonNode unreachable = fw.awaitUpdate("t1", "TASK_UNREACHABLE");
            assertThat(unreachable.has("uuid")).isFalse();
            assertThat(unreachable.path("source").asText()).isEqualTo("SOURCE_MASTER");
            assertThat(unreachable.path("reason").asText()).isEqualTo("REASON_AGENT_REMOVED");
            assertThat(unreachable.path("unreachable_time").path("nanoseconds").asLong()).isPositive();
            JsonNode failure = fw.stream().await("FAILURE");
            assertThat(failure.path("failure").path("agent_id").path("value").asText()).isEqualTo(agent.id().value());
            assertThat(slave().path("active").asBoolean()).isFalse();

            agent.close();
            agent.subscribe();

            JsonNode running = fw.stream().await("UPDATE", e -> e.path("update").path("status").path("state")
                    .asText().equals("TASK_RUNNING") && fw.stream().events("UPDATE").indexOf(e)
                    > fw.stream().events("UPDATE").indexOf(fw.stream().await("UPDATE", u -> u.path("update")
                            .path("status").path("state").asText().equals("TASK_UNREACHABLE"))));
            assertThat(running.path("update").path("status").path("task_id").path("value").asText()).isEqualTo("t1");
            assertThat(slave().path("active").asBoolean()).isTrue();
            assertThat(Http.getJson(master.url() + "/master/state").path("frameworks").get(0).path("tasks").get(0)
                    .path("state").asText()).isEqualTo("TASK_RUNNING");
        }
    }

    @Test
    void silentAgent_plainFramework_getsTaskLost() {
        try (TestScheduler fw = TestScheduler.subscribe(master.url(), TestScheduler.PLAIN)) {
            fw.launch(fw.awaitOffer(), "t1", 1, 128);
            fw.awaitUpdate("t1", "TASK_RUNNING");

            JsonNode lost = fw.awaitUpdate("t1", "TASK_LOST");

            assertThat(lost.path("reason").asText()).isEqualTo("REASON_AGENT_REMOVED");
            assertThat(fw.stream().events("UPDATE")).noneMatch(e -> e.path("update").path("status").path("state")
                    .asText().equals("TASK_UNREACHABLE"));
            fw.stream().await("FAILURE");
        }
    }

    @Test
    void heartbeatingAgent_staysReachable() {
        try (TestScheduler fw = TestScheduler.subscribe(master.url(), TestScheduler.PARTITION_AWARE)) {
            fw.launch(fw.awaitOffer(), "t1", 1, 128);
            fw.awaitUpdate("t1", "TASK_RUNNING");

            long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            while (System.nanoTime() < until) {
                assertThat(agent.heartbeat().statusCode()).isEqualTo(202);
                org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(100)).until(() -> true);
            }

            assertThat(fw.stream().events("FAILURE")).isEmpty();
            assertThat(slave().path("active").asBoolean()).isTrue();
        }
    }

    private JsonNode slave() {
        return Http.getJson(master.url() + "/master/state").path("slaves").get(0);
    }
}
