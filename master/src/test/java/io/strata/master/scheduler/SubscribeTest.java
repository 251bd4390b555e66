package io.strata.master.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.master.Master;
import io.strata.master.testkit.FakeAgent;
import io.strata.master.testkit.Http;
import io.strata.master.testkit.RecordIoStream;
import io.strata.master.testkit.TestCluster;
import io.strata.master.testkit.TestScheduler;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE on the v1 scheduler API against a real master: the stream, offers, re-subscription. */
class SubscribeTest {
    private TestCluster cluster;
    private Master master;

    @BeforeEach
    void start() {
        cluster = TestCluster.start();
        master = cluster.startLeader();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void subscribe_newFramework_streamsSubscribedFirstWithIdAndHeartbeat() {
        try (RecordIoStream s = RecordIoStream.open(master.url() + "/api/v1/scheduler",
                TestScheduler.subscribeBody(TestScheduler.PLAIN))) {
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.header("Mesos-Stream-Id")).hasValueSatisfying(id -> assertThat(id).isNotBlank());
            assertThat(s.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            // chunked: the length is unknown while the stream stays open
            assertThat(s.header("Content-Length")).isEmpty();
            assertThat(s.header("Transfer-Encoding")).hasValue("chunked");
            s.await("SUBSCRIBED");
            JsonNode first = s.events().get(0);
            assertThat(first.path("type").asText()).isEqualTo("SUBSCRIBED");
            assertThat(first.path("subscribed").path("framework_id").path("value").asText()).isNotBlank();
            assertThat(first.path("subscribed").path("heartbeat_interval_seconds").asDouble()).isEqualTo(0.25);
            assertThat(first.path("subscribed").path("master_info").path("id").asText()).isEqualTo(master.info().id());
        }
    }

    @Test
    void subscribe_agentRegistered_offersCarryResourcesAttributesHostnameAndUrl() {
        FakeAgent agent = FakeAgent.standard(master.url(), "agent-1.test").subscribe();
        try (TestScheduler fw = TestScheduler.subscribe(master.url(), TestScheduler.PLAIN)) {
            JsonNode offer = fw.awaitOffer();
            assertThat(offer.path("id").path("value").asText()).isNotBlank();
            assertThat(offer.path("framework_id").path("value").asText()).isEqualTo(fw.frameworkId());
            assertThat(offer.path("agent_id").path("value").asText()).isEqualTo(agent.id().value());
            assertThat(offer.path("hostname").asText()).isEqualTo("agent-1.test");
            assertThat(offer.path("url").path("scheme").asText()).isEqualTo("http");
            assertThat(offer.path("url").path("address").path("hostname").asText()).isEqualTo("agent-1.test");
            assertThat(offer.path("url").path("address").path("port").asInt()).isEqualTo(5051);
            assertThat(scalar(offer, "cpus")).isEqualTo(4.0);
            assertThat(scalar(offer, "mem")).isEqualTo(4096.0);
            assertThat(scalar(offer, "disk")).isEqualTo(10000.0);
            JsonNode ports = resource(offer, "ports");
            assertThat(ports.path("type").asText()).isEqualTo("RANGES");
            assertThat(ports.path("ranges").path("range").get(0).path("begin").asLong()).isEqualTo(31000);
            assertThat(ports.path("ranges").path("range").get(0).path("end").asLong()).isEqualTo(32000);
            assertThat(ports.path("role").asText()).isEqualTo("*");
            JsonNode rack = offer.path("attributes").get(0);
            assertThat(rack.path("name").asText()).isEqualTo("rack");
            assertThat(rack.path("type").asText()).isEqualTo("TEXT");
            assertThat(rack.path("text").path("value").asText()).isEqualTo("r1");
        } finally {
            agent.close();
        }
    }

    @Test
    void subscribe_withIdWithinFailoverTimeout_keepsTasks() {
        FakeAgent agent = FakeAgent.standard(master.url(), "a1").subscribe();
        TestScheduler fw = TestScheduler.subscribe(master.url(), TestScheduler.PLAIN);
        fw.launch(fw.awaitOffer(), "t1", 1, 128);
        fw.awaitUpdate("t1", "TASK_RUNNING");
        fw.close();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !frameworkState(fw).path("active").asBoolean());

        fw.resubscribe(master.url(), TestScheduler.PLAIN);

        JsonNode state = frameworkState(fw);
        assertThat(state.path("active").asBoolean()).isTrue();
        assertThat(state.path("tasks")).extracting(t -> t.path("id").asText()).containsExactly("t1");
        assertThat(state.path("tasks").get(0).path("state").asText()).isEqualTo("TASK_RUNNING");
        fw.close();
        agent.close();
    }

    @Test
    void subscribe_again_closesTheOldStream() {
        TestScheduler fw = TestScheduler.subscribe(master.url(), TestScheduler.PLAIN);
        RecordIoStream old = fw.stream();
        String oldStreamId = fw.streamId();

        fw.resubscribe(master.url(), TestScheduler.PLAIN);

        old.awaitEnded();
        assertThat(fw.streamId()).isNotEqualTo(oldStreamId);
        // the old stream id no longer authorizes calls
        var r = fw.post(fw.envelope("REVIVE", null), java.util.Map.of("Mesos-Stream-Id", oldStreamId));
        assertThat(r.statusCode()).isEqualTo(403);
        fw.accepted("REVIVE", null);
        fw.close();
    }

    private JsonNode frameworkState(TestScheduler fw) {
        for (JsonNode f : Http.getJson(master.url() + "/master/state").path("frameworks")) {
            if (f.path("id").asText().equals(fw.frameworkId())) {
                return f;
            }
        }
        throw new AssertionError("framework " + fw.frameworkId() + " is not in /master/state");
    }

    static JsonNode resource(JsonNode offer, String name) {
        for (JsonNode r : offer.path("resources")) {
            if (r.path("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no resource " + name + " in " + offer);
    }

    static double scalar(JsonNode offer, String name) {
        return resource(offer, name).path("scalar").path("value").asDouble();
    }
}
