package io.strata.master.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskState;
import io.strata.master.testkit.FakeAgent;
import io.strata.master.testkit.OneAgentCluster;
import io.strata.master.testkit.TestScheduler;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With a batch allocation interval of an hour, offers can only come from the allocations that events trigger:
 * a framework subscribing, a REVIVE, resources freed by a task that ended.
 */
class AllocationTriggerTest {
    private OneAgentCluster one;
    private FakeAgent agent;
    private TestScheduler fw;

    @BeforeEach
    void start() {
        one = OneAgentCluster.start(c -> c.withAllocationInterval(Duration.ofHours(1)));
        agent = one.agent;
        fw = one.fw;
    }

    @AfterEach
    void stop() {
        one.close();
    }

    @Test
    void subscribe_agentAlreadyRegistered_offersAtOnce() {
        assertThat(fw.awaitOffer().path("agent_id").path("value").asText()).isEqualTo(agent.id().value());
    }

    @Test
    void revive_afterLongDecline_offersAtOnce() {
        JsonNode offer = fw.awaitOffer();
        fw.accepted("DECLINE", "{\"offer_ids\":[{\"value\":\"" + offer.path("id").path("value").asText()
                + "\"}],\"filters\":{\"refuse_seconds\":3600}}");
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> fw.stream().events("OFFERS").size() == 1);

        fw.accepted("REVIVE", null);

        assertThat(SubscribeTest.scalar(fw.awaitOfferAfter(1), "cpus")).isEqualTo(4.0);
    }

    @Test
    void taskEnded_freedResources_offeredAtOnce() {
        fw.launch(fw.awaitOffer(), "t1", 4, 128);
        fw.awaitUpdate("t1", "TASK_RUNNING");

        agent.update(new FrameworkId(fw.frameworkId()), agent.status(new TaskId("t1"), TaskState.TASK_FINISHED));

        JsonNode next = Awaitility.await("offer of the freed cpus").atMost(Duration.ofSeconds(30))
                .until(() -> fw.stream().events("OFFERS"), l -> l.stream().anyMatch(o -> cpus(o) == 4.0))
                .stream().filter(o -> cpus(o) == 4.0).findFirst().orElseThrow();
        assertThat(next).isNotNull();
    }

    private static double cpus(JsonNode offersEvent) {
        return SubscribeTest.scalar(offersEvent.path("offers").path("offers").get(0), "cpus");
    }
}
