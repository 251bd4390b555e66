package io.strata.client.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.client.HttpTransport;
import io.strata.client.MasterLocator;
import io.strata.master.Master;
import io.strata.master.MasterConfig;
import io.strata.testing.framework.TestFramework;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * The shared operator-stream client against real masters elected through a real ZooKeeper (it lives in dns' tests
 * because the client module cannot depend on the master, which depends on it).
 */
class OperatorEventStreamTest {
    /** Records what the handler is told, in order. */
    private static final class Recorder implements OperatorEventStream.Handler {
        final List<URI> opened = new CopyOnWriteArrayList<>();
        final List<String> types = new CopyOnWriteArrayList<>();
        final List<Boolean> closed = new CopyOnWriteArrayList<>();

        @Override
        public void opened(URI leader) {
            opened.add(leader);
        }

        @Override
        public void event(JsonNode event, boolean endOfBurst) {
            types.add(event.path("type").asText());
        }

        @Override
        public void closed(boolean subscribed) {
            closed.add(subscribed);
        }
    }

    private static Master master(TestingServer zk) {
        return Master.start(MasterConfig.defaults("127.0.0.1", 0, zk.getConnectString() + "/strata")
                .withHeartbeatInterval(Duration.ofSeconds(1)).withAllocationInterval(Duration.ofMillis(100)));
    }

    private static OperatorEventStream stream(TestingServer zk, Recorder recorder) {
        return new OperatorEventStream(OperatorEventStream.MasterAddress.of("zk://" + zk.getConnectString()
                + "/strata", MasterLocator.standard()), HttpTransport.create(),
                OperatorEventStream.Settings.defaults("test-operator-stream", Duration.ofSeconds(1)), recorder);
    }

    @Test
    void subscribe_frameworkJoins_snapshotThenItsEvent() throws Exception {
        try (TestingServer zk = new TestingServer(true); Master master = master(zk)) {
            assertThat(master.awaitLeadership(Duration.ofSeconds(30))).isTrue();
            Recorder recorder = new Recorder();
            try (OperatorEventStream stream = stream(zk, recorder)) {
                stream.start();
                await().atMost(Duration.ofSeconds(30)).until(stream::subscribed);
                assertThat(recorder.opened).containsExactly(URI.create(master.url()));
                assertThat(recorder.types).first().isEqualTo("SUBSCRIBED");

                try (TestFramework framework = TestFramework.subscribe(master.url(), "stream-test")) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> recorder.types.contains("FRAMEWORK_ADDED"));
                }
            }
            // a closed stream tells the handler nothing more: closing is not a failure
            assertThat(recorder.closed).isEmpty();
        }
    }

    @Test
    void leaderFails_reconnectsToTheNewLeaderAfterTellingTheHandler() throws Exception {
        try (TestingServer zk = new TestingServer(true)) {
            Master first = master(zk);
            Master second = null;
            Recorder recorder = new Recorder();
            try (OperatorEventStream stream = stream(zk, recorder)) {
                assertThat(first.awaitLeadership(Duration.ofSeconds(30))).isTrue();
                second = master(zk);
                stream.start();
                await().atMost(Duration.ofSeconds(30)).until(stream::subscribed);

                first.close();
                URI secondUrl = URI.create(second.url());
                await().atMost(Duration.ofSeconds(60)).until(() -> stream.subscribed()
                        && recorder.opened.getLast().equals(secondUrl));
                assertThat(recorder.closed).first().isEqualTo(true);
                assertThat(recorder.types.stream().filter("SUBSCRIBED"::equals).count()).isGreaterThanOrEqualTo(2);
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    @Test
    void settings_backoffOutOfOrder_rejected() {
        assertThatThrownBy(() -> new OperatorEventStream.Settings(Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(5), "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("firstBackoff <= maxBackoff");
    }
}
