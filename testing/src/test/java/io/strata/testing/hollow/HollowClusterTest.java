package io.strata.testing.hollow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.api.json.Json;
import io.strata.api.mesos.Offer;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hollow agents against a real master (in-process ZooKeeper, HTTP on loopback). */
class HollowClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private TestingServer zk;
    private Master master;
    private URI url;

    @BeforeEach
    void startMaster() throws Exception {
        zk = new TestingServer(true);
        master = Master.start(MasterConfig.defaults("127.0.0.1", 0, zk.getConnectString() + "/strata")
                .withAllocationInterval(Duration.ofMillis(100))
                // the master notices a closed stream only when it next writes to it: heartbeat often
                .withHeartbeatInterval(Duration.ofMillis(500)));
        assertThat(master.awaitLeadership(WAIT)).isTrue();
        url = URI.create(master.url());
    }

    @AfterEach
    void stop() throws Exception {
        master.close();
        zk.close();
    }

    @Test
    void start_threeAgents_masterListsThemWithHostnamesResourcesAndAttributes() throws Exception {
        try (HollowCluster cluster = HollowCluster.builder(url)
                .agents(3, i -> HollowAgentSpec.of(HollowAgentSpec.loopbackHostname(i))
                        .withResources("cpus:4;mem:2048").withAttributes("rack:r" + i))
                .start()) {
            assertThat(cluster.awaitSubscribed(WAIT)).isTrue();
            assertThat(cluster.agents()).allSatisfy(a -> assertThat(a.agentId()).isPresent());

            JsonNode slaves = get("/master/slaves").get("slaves");
            List<String> hostnames = new ArrayList<>();
            slaves.forEach(s -> hostnames.add(s.get("hostname").asText()));
            assertThat(hostnames).containsExactlyInAnyOrder("127.1.0.1", "127.1.0.2", "127.1.0.3");
            JsonNode first = slaves.get(0);
            assertThat(first.get("resources").get("cpus").asDouble()).isEqualTo(4.0);
            assertThat(first.get("resources").get("mem").asDouble()).isEqualTo(2048.0);
            assertThat(first.get("attributes").get("rack").asText()).startsWith("r");
            assertThat(cluster.failedCalls()).isZero();
        }
    }

    @Test
    void runTask_acknowledged_agentReportsRunningThenFinishedAndCountsAcks() throws Exception {
        try (HollowCluster cluster = HollowCluster.builder(url).finishAfter(Duration.ofMillis(200)).start();
             RecordingFramework framework = new RecordingFramework(url)) {
            assertThat(cluster.awaitSubscribed(WAIT)).isTrue();
            Offer offer = framework.nextOffer(WAIT);
            framework.launch(offer, "t1", "cpus:0.1;mem:32");

            TaskStatus running = framework.awaitUpdate(new TaskId("t1"), TaskState.TASK_RUNNING, WAIT);
            // the master forwards the agent's own update: executor source, a 16-byte uuid to acknowledge
            assertThat(running.source()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
            assertThat(java.util.Base64.getDecoder().decode(running.uuid())).hasSize(16);
            framework.acknowledge(offer.agentId(), running);

            TaskStatus finished = framework.awaitUpdate(new TaskId("t1"), TaskState.TASK_FINISHED, WAIT);
            framework.acknowledge(offer.agentId(), finished);
            HollowAgent agent = cluster.agents().get(0);
            await().atMost(WAIT).until(() -> agent.acknowledged() == 2);
            assertThat(agent.launched()).isEqualTo(1);
            assertThat(agent.runningTasks()).isZero();
            assertThat(agent.unacknowledged()).isZero();
            assertThat(cluster.failedCalls()).isZero();
        }
    }

    @Test
    void runTaskGroup_twoTasks_agentReportsEachRunning() throws Exception {
        try (HollowCluster cluster = HollowCluster.builder(url).start();
             RecordingFramework framework = new RecordingFramework(url)) {
            assertThat(cluster.awaitSubscribed(WAIT)).isTrue();
            Offer offer = framework.nextOffer(WAIT);
            framework.launchGroup(offer, "pod1", "g1", "g2");

            java.util.Map<TaskId, TaskStatus> running = framework.awaitUpdates(
                    java.util.Set.of(new TaskId("g1"), new TaskId("g2")), TaskState.TASK_RUNNING, WAIT);
            running.values().forEach(s -> framework.acknowledge(offer.agentId(), s));
            HollowAgent agent = cluster.agents().get(0);
            await().atMost(WAIT).until(() -> agent.acknowledged() == 2);
            assertThat(agent.launched()).isEqualTo(2);
            assertThat(agent.runningTasks()).isEqualTo(2);
            assertThat(cluster.failedCalls()).isZero();
        }
    }

    @Test
    void killTask_runningTask_agentReportsKilled() throws Exception {
        try (HollowCluster cluster = HollowCluster.builder(url).start();
             RecordingFramework framework = new RecordingFramework(url)) {
            assertThat(cluster.awaitSubscribed(WAIT)).isTrue();
            Offer offer = framework.nextOffer(WAIT);
            framework.launch(offer, "t2", "cpus:1;mem:128");
            framework.awaitUpdate(new TaskId("t2"), TaskState.TASK_RUNNING, WAIT);
            assertThat(cluster.runningTasks()).isEqualTo(1);

            framework.kill(new TaskId("t2"), offer.agentId());

            TaskStatus killed = framework.awaitUpdate(new TaskId("t2"), TaskState.TASK_KILLED, WAIT);
            assertThat(killed.source()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
            assertThat(cluster.runningTasks()).isZero();
            assertThat(cluster.unacknowledged()).isEqualTo(2); // RUNNING and KILLED, neither acknowledged here
        }
    }

    @Test
    void close_cluster_masterSeesAgentsDisconnect() throws Exception {
        HollowCluster cluster = HollowCluster.builder(url).agents(2, i -> HollowAgentSpec.of("hollow-" + i)).start();
        assertThat(cluster.awaitSubscribed(WAIT)).isTrue();

        cluster.close();

        await().atMost(WAIT).until(() -> get("/master/slaves").get("slaves").findValues("active").stream()
                .noneMatch(JsonNode::asBoolean));
    }

    @Test
    void loopbackHostname_indexes_distinctAndWellFormed() {
        assertThat(HollowAgentSpec.loopbackHostname(0)).isEqualTo("127.1.0.1");
        assertThat(HollowAgentSpec.loopbackHostname(253)).isEqualTo("127.1.0.254");
        assertThat(HollowAgentSpec.loopbackHostname(254)).isEqualTo("127.1.1.1");
        assertThat(HollowAgentSpec.loopbackHostname(254 * 256)).isEqualTo("127.2.0.1");
    }

    private JsonNode get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return Json.mesos().readTree(r.body());
        }
    }
}
