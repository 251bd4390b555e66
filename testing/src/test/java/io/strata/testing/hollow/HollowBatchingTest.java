package io.strata.testing.hollow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many tasks of one ACCEPT through a real master, with hollow agents sending their updates batched or one by
 * one, and the framework acknowledging through a {@link io.strata.client.CallBatcher}: every task runs and every
 * update is acknowledged exactly once either way.
 */
class HollowBatchingTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int TASKS = 20;
    private TestingServer zk;
    private Master master;
    private URI url;

    @BeforeEach
    void startMaster() throws Exception {
        zk = new TestingServer(true);
        master = Master.start(MasterConfig.defaults("127.0.0.1", 0, zk.getConnectString() + "/strata")
                .withAllocationInterval(Duration.ofMillis(100)).withHeartbeatInterval(Duration.ofMillis(500)));
        assertThat(master.awaitLeadership(WAIT)).isTrue();
        url = URI.create(master.url());
    }

    @AfterEach
    void stop() throws Exception {
        master.close();
        zk.close();
    }

    @ParameterizedTest(name = "batchUpdates={0}")
    @ValueSource(booleans = {true, false})
    void launchMany_updatesBatchedOrNot_allRunAndEachUpdateIsAcknowledgedOnce(boolean batchUpdates) throws Exception {
        try (HollowCluster cluster = HollowCluster.builder(url).batchUpdates(batchUpdates)
                .agents(1, i -> HollowAgentSpec.of(HollowAgentSpec.loopbackHostname(i)).withResources("cpus:4;mem:4096"))
                .start();
             RecordingFramework framework = new RecordingFramework(url)) {
            assertThat(cluster.awaitSubscribed(WAIT)).isTrue();
            Offer offer = framework.nextOffer(WAIT);

            framework.launchMany(offer, "t", TASKS, "cpus:0.1;mem:32");

            Set<TaskId> ids = IntStream.range(0, TASKS).mapToObj(i -> new TaskId("t" + i)).collect(Collectors.toSet());
            Map<TaskId, TaskStatus> running = framework.awaitUpdates(ids, TaskState.TASK_RUNNING, WAIT);
            running.values().forEach(s -> framework.acknowledgeBatched(offer.agentId(), s));
            await().atMost(WAIT).until(() -> cluster.acknowledged() == TASKS);
            assertThat(cluster.unacknowledged()).isZero();
            assertThat(cluster.launched()).isEqualTo(TASKS);
            assertThat(cluster.failedCalls()).isZero();
            assertThat(framework.batcherFailures()).isZero();
        }
    }
}
