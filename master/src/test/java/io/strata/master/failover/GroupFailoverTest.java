package io.strata.master.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.master.Master;
import io.strata.master.testkit.FakeAgent;
import io.strata.master.testkit.Http;
import io.strata.master.testkit.TestCluster;
import io.strata.master.testkit.TestScheduler;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A task group survives a master failover: the new leader recovers its executor and its resources. */
class GroupFailoverTest {
    private TestCluster cluster;

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void closeLeader_newLeaderRecoversTheExecutorItsTasksAndItsResources() {
        cluster = TestCluster.start();
        Master first = cluster.startLeader();
        Master second = cluster.startMaster(c -> c);
        FakeAgent agent = FakeAgent.standard(first.url(), "a1").subscribe();
        TestScheduler fw = TestScheduler.subscribe(first.url(), TestScheduler.PARTITION_AWARE);
        String offer = fw.awaitOffer().path("id").path("value").asText();
        fw.accepted("ACCEPT", TestScheduler.launchGroupBody(offer, "pod1", "DEFAULT", TestScheduler.task("a", 1, 128),
                TestScheduler.task("b", 1, 128)));
        fw.awaitUpdate("a", "TASK_RUNNING");
        fw.awaitUpdate("b", "TASK_RUNNING");

        first.close();
        Awaitility.await("second leads").atMost(Duration.ofSeconds(20)).until(second::isLeader);
        JsonNode recovered = Http.getJson(second.url() + "/master/state").path("frameworks").get(0);
        assertThat(recovered.path("executors")).extracting(e -> e.path("executor_id").asText())
                .containsExactly("pod1");
        assertThat(recovered.path("tasks")).extracting(t -> t.path("executor_id").asText())
                .containsExactly("pod1", "pod1");

        agent.redirectTo(second.url());
        agent.subscribe();
        fw.resubscribe(second.url(), TestScheduler.PARTITION_AWARE);

        JsonNode state = Http.getJson(second.url() + "/master/state");
        assertThat(state.path("frameworks").get(0).path("tasks")).extracting(t -> t.path("state").asText())
                .containsOnly("TASK_RUNNING");
        // two tasks of 1 cpu and the executor's 0.1
        assertThat(state.path("slaves").get(0).path("used_resources").path("cpus").asDouble()).isEqualTo(2.1);
        fw.close();
        agent.close();
    }
}
