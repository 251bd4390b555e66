package io.strata.master.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.master.Master;
import io.strata.master.testkit.FakeAgent;
import io.strata.master.testkit.Http;
import io.strata.master.testkit.TestCluster;
import io.strata.master.testkit.TestScheduler;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two masters on one ZooKeeper: leadership moves, state is recovered from the store, followers redirect. */
class MasterFailoverTest {
    private static final Duration ELECTION = Duration.ofSeconds(20);
    private TestCluster cluster;
    private Master first;
    private Master second;

    @BeforeEach
    void start() {
        cluster = TestCluster.start();
        first = cluster.startLeader();
        second = cluster.startMaster(c -> c);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void closeLeader_followerLeadsWithEpoch2AndRecoversFrameworksAgentsTasks() {
        assertThat(first.epoch()).hasValue(1L);
        FakeAgent agent = FakeAgent.standard(first.url(), "a1").subscribe();
        TestScheduler fw = TestScheduler.subscribe(first.url(), TestScheduler.PARTITION_AWARE);
        fw.launch(fw.awaitOffer(), "t1", 1, 128);
        fw.awaitUpdate("t1", "TASK_RUNNING");

        first.close();

        Awaitility.await("second leads").atMost(ELECTION).until(second::isLeader);
        assertThat(second.epoch()).hasValue(2L);
        JsonNode recovered = Http.getJson(second.url() + "/master/state");
        assertThat(recovered.path("slaves")).extracting(s -> s.path("id").asText()).containsExactly(agent.id().value());
        assertThat(recovered.path("slaves").get(0).path("active").asBoolean()).isFalse();
        JsonNode framework = recovered.path("frameworks").get(0);
        assertThat(framework.path("id").asText()).isEqualTo(fw.frameworkId());
        assertThat(framework.path("active").asBoolean()).isFalse();
        // the store records that the task exists (its launch); its current state comes back with its agent
        assertThat(framework.path("tasks")).extracting(t -> t.path("id").asText()).containsExactly("t1");
        assertThat(framework.path("tasks")).extracting(t -> t.path("state").asText()).containsExactly("TASK_STAGING");

        agent.redirectTo(second.url());
        agent.subscribe();
        fw.resubscribe(second.url(), TestScheduler.PARTITION_AWARE);

        JsonNode state = Http.getJson(second.url() + "/master/state");
        assertThat(state.path("leader").asText()).isEqualTo(second.info().pid());
        assertThat(state.path("slaves").get(0).path("active").asBoolean()).isTrue();
        assertThat(state.path("frameworks").get(0).path("active").asBoolean()).isTrue();
        JsonNode task = state.path("frameworks").get(0).path("tasks").get(0);
        assertThat(task.path("id").asText()).isEqualTo("t1");
        assertThat(task.path("slave_id").asText()).isEqualTo(agent.id().value());
        assertThat(task.path("state").asText()).isEqualTo("TASK_RUNNING");
        assertThat(state.path("slaves").get(0).path("used_resources").path("cpus").asDouble()).isEqualTo(1.0);
        // the recovered task keeps its resources away from new offers: 3 cpus left
        assertThat(offeredCpus(fw)).isEqualTo(3.0);
        fw.close();
        agent.close();
    }

    @Test
    void resignedLeader_redirectsStateAndSchedulerToTheNewLeader() {
        first.resign();

        Awaitility.await("second leads").atMost(ELECTION).until(second::isLeader);
        Awaitility.await("first redirects").atMost(ELECTION)
                .until(() -> Http.get(first.url() + "/master/state").statusCode() == 307);
        HttpResponse<String> state = Http.get(first.url() + "/master/state");
        assertThat(state.headers().firstValue("Location")).hasValue(second.url() + "/master/state");
        HttpResponse<String> scheduler = Http.post(first.url() + "/api/v1/scheduler",
                TestScheduler.subscribeBody(TestScheduler.PLAIN), Map.of());
        assertThat(scheduler.statusCode()).isEqualTo(307);
        assertThat(scheduler.headers().firstValue("Location")).hasValue(second.url() + "/api/v1/scheduler");
        assertThat(first.isLeader()).isFalse();
        assertThat(second.epoch()).hasValue(2L);
    }

    @Test
    void follower_answersSchedulerAndAgentCallsWith307ToTheLeader() {
        Awaitility.await().atMost(ELECTION).until(() -> Http.get(second.url() + "/master/redirect").statusCode() == 307);
        HttpResponse<String> scheduler = Http.post(second.url() + "/api/v1/scheduler",
                TestScheduler.subscribeBody(TestScheduler.PLAIN), Map.of());
        assertThat(scheduler.statusCode()).isEqualTo(307);
        assertThat(scheduler.headers().firstValue("Location")).hasValue(first.url() + "/api/v1/scheduler");
        HttpResponse<String> agent = Http.post(second.url() + "/api/v1/agent", "{\"type\":\"HEARTBEAT\"}", Map.of());
        assertThat(agent.statusCode()).isEqualTo(307);
        HttpResponse<String> redirect = Http.get(second.url() + "/master/redirect");
        assertThat(redirect.headers().firstValue("Location")).hasValue(first.url());
        assertThat(Http.getJson(second.url() + "/metrics/snapshot").path("master/elected").asInt()).isZero();
        assertThat(Http.getJson(first.url() + "/metrics/snapshot").path("master/elected").asInt()).isEqualTo(1);
    }

    private static double offeredCpus(TestScheduler fw) {
        JsonNode offer = fw.awaitOffer();
        for (JsonNode r : offer.path("resources")) {
            if (r.path("name").asText().equals("cpus")) {
                return r.path("scalar").path("value").asDouble();
            }
        }
        return 0;
    }
}
