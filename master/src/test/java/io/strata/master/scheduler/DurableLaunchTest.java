package io.strata.master.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.master.Master;
import io.strata.master.testkit.FakeAgent;
import io.strata.master.testkit.OneAgentCluster;
import io.strata.master.testkit.TestCluster;
import io.strata.master.testkit.TestScheduler;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A task goes to its agent only once its record is in ZooKeeper: when the write fails, the agent never hears of
 * the task and the framework learns it is lost.
 */
class DurableLaunchTest {
    private OneAgentCluster one;
    private TestCluster cluster;
    private Master master;
    private FakeAgent agent;
    private TestScheduler fw;
    private CuratorFramework curator;

    @BeforeEach
    void start() {
        one = OneAgentCluster.start();
        cluster = one.cluster;
        master = one.master;
        agent = one.agent;
        fw = one.fw;
        curator = CuratorFrameworkFactory.newClient(cluster.zkConnectString(), new RetryOneTime(100));
        curator.start();
    }

    @AfterEach
    void stop() {
        curator.close();
        one.close();
    }

    /** The framework's task folder exists but nobody may create in it: every task write fails (NOAUTH). */
    private void makeTaskWritesFail() throws Exception {
        curator.create().creatingParentsIfNeeded()
                .withACL(List.of(new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE)))
                .forPath("/strata/tasks/" + fw.frameworkId());
    }

    @Test
    void accept_recordsCannotBeStored_agentNeverGetsTheTasksAndFrameworkGetsLost() throws Exception {
        makeTaskWritesFail();

        String offerId = fw.awaitOffer().path("id").path("value").asText();
        fw.accepted("ACCEPT", TestScheduler.acceptBody(offerId, TestScheduler.task("t1", 1, 128),
                TestScheduler.task("t2", 1, 128)));

        for (String task : List.of("t1", "t2")) {
            JsonNode lost = fw.awaitUpdate(task, "TASK_LOST");
            assertThat(lost.path("message").asText()).contains("could not be stored");
            assertThat(lost.path("source").asText()).isEqualTo("SOURCE_MASTER");
        }
        assertThat(agent.events("RUN_TASK")).isEmpty();
        assertThat(agent.runningTaskIds()).isEmpty();
    }

    @Test
    void accept_singleTaskCannotBeStored_agentNeverGetsItAndItsResourcesAreOfferedAgain() throws Exception {
        makeTaskWritesFail();

        fw.launch(fw.awaitOffer(), "t1", 4, 128);

        fw.awaitUpdate("t1", "TASK_LOST");
        assertThat(agent.events("RUN_TASK")).isEmpty();
        // the unused mem may come back first (the ACCEPT declines it at once); the cpus once the write failed
        org.awaitility.Awaitility.await("an offer of the task's 4 cpus").atMost(Duration.ofSeconds(30))
                .until(() -> fw.stream().events("OFFERS").stream().skip(1)
                        .anyMatch(e -> cpus(e.path("offers").path("offers").get(0)) == 4.0));
    }

    private static double cpus(JsonNode offer) {
        for (JsonNode r : offer.path("resources")) {
            if (r.path("name").asText().equals("cpus")) {
                return r.path("scalar").path("value").asDouble();
            }
        }
        return 0;
    }

    @Test
    void accept_recordsStored_agentGetsTheTasksAfterTheirRecordsExist() throws Exception {
        agent.answerRunTask(false);
        String offerId = fw.awaitOffer().path("id").path("value").asText();
        fw.accepted("ACCEPT", TestScheduler.acceptBody(offerId, TestScheduler.task("t1", 1, 128),
                TestScheduler.task("t2", 1, 128)));

        agent.stream().await("RUN_TASK");
        // the RUN_TASKs go out once the multi holding both records completed, so both exist by now
        assertThat(curator.getChildren().forPath("/strata/tasks/" + fw.frameworkId())).containsExactlyInAnyOrder(
                "t1", "t2");
    }
}
