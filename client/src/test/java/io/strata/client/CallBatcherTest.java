package io.strata.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.TaskId;
import io.strata.api.scheduler.Call;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link CallBatcher} against a stub master: coalescing while a request is in flight, and the Mesos fallback. */
class CallBatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final FrameworkId FW = new FrameworkId("fw-1");
    private static final String SUBSCRIBED = "{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"framework_id\":"
            + "{\"value\":\"fw-1\"},\"heartbeat_interval_seconds\":15}}";

    private static Call kill(int i) {
        return Call.kill(FW, new Call.Kill(new TaskId("t" + i), null, null));
    }

    /** The scheduler endpoint: SUBSCRIBE opens a stream kept open until the latch; other calls wait for gate. */
    private static void scheduler(HttpExchange ex, String body, CountDownLatch end, CountDownLatch gate)
            throws IOException {
        if (body.contains("\"SUBSCRIBE\"")) {
            ex.getResponseHeaders().set("Mesos-Stream-Id", "stream-1");
            ex.sendResponseHeaders(200, 0);
            byte[] record = SUBSCRIBED.getBytes(StandardCharsets.UTF_8);
            ex.getResponseBody().write((record.length + "\n").getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().write(record);
            ex.getResponseBody().flush();
            hold(end);
            return;
        }
        hold(gate);
        StubServer.reply(ex, 202, "text/plain", "");
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String body(HttpExchange ex, StubServer master) {
        return master.received.getLast().body();
    }

    @Test
    void submit_whileACallIsInFlight_laterCallsGoTogetherInOrder() throws Exception {
        CountDownLatch end = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        try (StubServer master = new StubServer()) {
            master.on("/api/v1/scheduler", ex -> scheduler(ex, body(ex, master), end, gate));
            try (SchedulerClient client = SchedulerClient.of(master.uri());
                 CallBatcher batcher = new CallBatcher(client, e -> failures.incrementAndGet())) {
                client.subscribe(new FrameworkInfo("root", "t", null, null, null, "*", null, null, null, List.of(),
                        null), new SchedulerClientTest.Recorder());

                batcher.submit(kill(0));
                await().atMost(WAIT).until(() -> master.received.size() == 2); // SUBSCRIBE, then kill 0 alone
                batcher.submit(kill(1));
                batcher.submit(kill(2));
                batcher.submit(kill(3));
                gate.countDown();

                await().atMost(WAIT).until(() -> master.received.size() == 3);
                StubServer.Received batch = master.received.get(2);
                assertThat(batch.path()).isEqualTo("/api/v1/scheduler/batch");
                assertThat(batch.streamId()).isEqualTo("stream-1");
                assertThat(batch.body()).startsWith("[").containsSubsequence("\"t1\"", "\"t2\"", "\"t3\"");
                assertThat(batcher.batching()).isTrue();
                assertThat(failures).hasValue(0);
            } finally {
                end.countDown();
            }
        }
    }

    @Test
    void submit_masterWithoutBatchEndpoint_fallsBackToOneCallEachInOrder() throws Exception {
        CountDownLatch end = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        try (StubServer master = new StubServer()) {
            master.on("/api/v1/scheduler/batch", ex -> StubServer.reply(ex, 404, "text/plain", "Not Found"));
            master.on("/api/v1/scheduler", ex -> scheduler(ex, body(ex, master), end, gate));
            try (SchedulerClient client = SchedulerClient.of(master.uri());
                 CallBatcher batcher = new CallBatcher(client, e -> failures.incrementAndGet())) {
                client.subscribe(new FrameworkInfo("root", "t", null, null, null, "*", null, null, null, List.of(),
                        null), new SchedulerClientTest.Recorder());

                batcher.submit(kill(0));
                await().atMost(WAIT).until(() -> master.received.size() == 2);
                batcher.submit(kill(1));
                batcher.submit(kill(2));
                gate.countDown();

                // the refused batch, then each call alone
                await().atMost(WAIT).until(() -> master.received.size() == 5);
                assertThat(master.received.get(2).path()).isEqualTo("/api/v1/scheduler/batch");
                assertThat(master.received.subList(3, 5)).extracting(StubServer.Received::path)
                        .containsOnly("/api/v1/scheduler");
                assertThat(master.received.get(3).body()).contains("\"t1\"");
                assertThat(master.received.get(4).body()).contains("\"t2\"");
                assertThat(batcher.batching()).isFalse();
                assertThat(failures).hasValue(0);
            } finally {
                end.countDown();
            }
        }
    }
}
