package io.strata.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.scheduler.Call;
import io.strata.api.scheduler.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SchedulerClientTest {
    private static final String SUBSCRIBED =
            "{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"framework_id\":{\"value\":\"fw-1\"},"
                    + "\"heartbeat_interval_seconds\":15}}";
    private static final String HEARTBEAT = "{\"type\":\"HEARTBEAT\"}";
    private static final FrameworkInfo INFO = new FrameworkInfo("root", "test", null, null, null, "*", null, null,
            null, List.of(), null);

    /** Collects events and the end of the stream. */
    static final class Recorder implements EventListener {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final AtomicReference<StrataClientException> ended = new AtomicReference<>();
        final CountDownLatch endedLatch = new CountDownLatch(1);

        @Override
        public void onEvent(Event event) {
            events.add(event);
        }

        @Override
        public void onStreamEnded(StrataClientException cause) {
            ended.set(cause);
            endedLatch.countDown();
        }
    }

    private static String frame(String record) {
        return record.getBytes(StandardCharsets.UTF_8).length + "\n" + record;
    }

    /** Writes the pieces as separate HTTP chunks, flushing and pausing between them. */
    private static void writeChunks(OutputStream out, String... pieces) throws IOException {
        for (String piece : pieces) {
            out.write(piece.getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void openStream(HttpExchange ex, String streamId) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Mesos-Stream-Id", streamId);
        ex.sendResponseHeaders(200, 0);
    }

    @Test
    void subscribe_recordsSplitAcrossChunks_framedByLength() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (StubServer master = new StubServer()) {
            master.on("/api/v1/scheduler", ex -> {
                openStream(ex, "stream-1");
                OutputStream out = ex.getResponseBody();
                String first = frame(SUBSCRIBED);
                String both = frame(HEARTBEAT) + frame(HEARTBEAT);
                // a length prefix split in the middle, a record split in two, two records in one chunk
                writeChunks(out, first.substring(0, 1), first.substring(1, 10), first.substring(10), both);
                awaitQuietly(release);
            });
            Recorder recorder = new Recorder();
            try (SchedulerClient client = SchedulerClient.of(master.uri())) {
                String streamId = client.subscribe(INFO, recorder);

                await().atMost(Duration.ofSeconds(5)).until(() -> recorder.events.size() == 3);
                assertThat(streamId).isEqualTo("stream-1");
                assertThat(recorder.events).extracting(Event::type)
                        .containsExactly(Event.Type.SUBSCRIBED, Event.Type.HEARTBEAT, Event.Type.HEARTBEAT);
                assertThat(client.frameworkId()).contains(new FrameworkId("fw-1"));
                assertThat(master.received.getFirst().body()).startsWith("{\"type\":\"SUBSCRIBE\"");
            } finally {
                release.countDown();
            }
            assertThat(recorder.ended.get()).isNull();
        }
    }

    @Test
    void subscribe_redirected_laterCallsGoToLeaderWithStreamId() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (StubServer leader = new StubServer(); StubServer follower = new StubServer()) {
            leader.on("/api/v1/scheduler", ex -> {
                if (leader.received.getLast().body().contains("SUBSCRIBE")) {
                    openStream(ex, "stream-2");
                    writeChunks(ex.getResponseBody(), frame(SUBSCRIBED));
                    awaitQuietly(release);
                } else {
                    StubServer.reply(ex, 202, "text/plain", "");
                }
            });
            follower.on("/api/v1/scheduler",
                    ex -> StubServer.redirect(ex, "//127.0.0.1:" + leader.uri().getPort() + "/api/v1/scheduler"));
            Recorder recorder = new Recorder();
            try (SchedulerClient client = SchedulerClient.of(follower.uri())) {
                client.subscribe(INFO, recorder);
                await().atMost(Duration.ofSeconds(5)).until(() -> client.frameworkId().isPresent());

                client.call(Call.of(client.frameworkId().orElseThrow(), Call.Type.REVIVE));

                assertThat(follower.received).hasSize(1);
                assertThat(leader.received).hasSize(2);
                assertThat(leader.received.getLast().streamId()).isEqualTo("stream-2");
                assertThat(leader.received.getLast().body())
                        .isEqualTo("{\"framework_id\":{\"value\":\"fw-1\"},\"type\":\"REVIVE\"}");
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void call_leaderMovedAfterSubscribe_followsTheRedirectWithTheSameCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (StubServer first = new StubServer(); StubServer next = new StubServer()) {
            first.on("/api/v1/scheduler", ex -> {
                if (first.received.getLast().body().contains("SUBSCRIBE")) {
                    openStream(ex, "stream-1");
                    writeChunks(ex.getResponseBody(), frame(SUBSCRIBED));
                    awaitQuietly(release);
                } else {
                    StubServer.redirect(ex, "//127.0.0.1:" + next.uri().getPort() + "/api/v1/scheduler");
                }
            });
            next.on("/api/v1/scheduler", ex -> StubServer.reply(ex, 202, "text/plain", ""));
            try (SchedulerClient client = SchedulerClient.of(first.uri())) {
                client.subscribe(INFO, new Recorder());
                await().atMost(Duration.ofSeconds(30)).until(() -> client.frameworkId().isPresent());

                client.call(Call.of(client.frameworkId().orElseThrow(), Call.Type.REVIVE));

                assertThat(next.received).singleElement().satisfies(got -> {
                    assertThat(got.streamId()).isEqualTo("stream-1");
                    assertThat(got.body()).isEqualTo("{\"framework_id\":{\"value\":\"fw-1\"},\"type\":\"REVIVE\"}");
                });
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void call_rejected_surfacesPlainTextError() {
        CountDownLatch release = new CountDownLatch(1);
        try (StubServer master = new StubServer()) {
            master.on("/api/v1/scheduler", ex -> {
                if (master.received.getLast().body().contains("SUBSCRIBE")) {
                    openStream(ex, "s");
                    writeChunks(ex.getResponseBody(), frame(SUBSCRIBED));
                    awaitQuietly(release);
                } else {
                    StubServer.reply(ex, 403, "text/plain", "Framework is not subscribed");
                }
            });
            try (SchedulerClient client = SchedulerClient.of(master.uri())) {
                client.subscribe(INFO, new Recorder());

                assertThatThrownBy(() -> client.call(Call.of(new FrameworkId("fw-1"), Call.Type.TEARDOWN)))
                        .isInstanceOfSatisfying(StrataClientException.class, e -> {
                            assertThat(e.status()).isEqualTo(403);
                            assertThat(e.code()).isEqualTo(StrataClientException.Code.CLIENT_ERROR);
                        })
                        .hasMessageEndingWith("answered 403: Framework is not subscribed");
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void subscribe_badRequest_throwsWithBody() {
        try (StubServer master = new StubServer()) {
            master.on("/api/v1/scheduler",
                    ex -> StubServer.reply(ex, 400, "text/plain", "Failed to validate scheduler::Call: role"));

            assertThatThrownBy(() -> SchedulerClient.of(master.uri()).subscribe(INFO, new Recorder()))
                    .isInstanceOfSatisfying(StrataClientException.class,
                            e -> assertThat(e.code()).isEqualTo(StrataClientException.Code.BAD_REQUEST))
                    .hasMessageContaining("Failed to validate scheduler::Call: role");
        }
    }

    @Test
    void stream_masterCloses_listenerToldOnce() throws Exception {
        try (StubServer master = new StubServer()) {
            master.on("/api/v1/scheduler", ex -> {
                openStream(ex, "s");
                writeChunks(ex.getResponseBody(), frame(SUBSCRIBED));
            });
            Recorder recorder = new Recorder();
            try (SchedulerClient client = SchedulerClient.of(master.uri())) {
                client.subscribe(INFO, recorder);

                assertThat(recorder.endedLatch.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(recorder.events).hasSize(1);
                assertThat(recorder.ended.get()).hasMessageContaining("closed the event stream");
            }
        }
    }

    @Test
    void stream_truncatedRecord_reportedAsProtocolError() throws Exception {
        try (StubServer master = new StubServer()) {
            master.on("/api/v1/scheduler", ex -> {
                openStream(ex, "s");
                writeChunks(ex.getResponseBody(), "104\n{\"type\":");
            });
            Recorder recorder = new Recorder();
            try (SchedulerClient client = SchedulerClient.of(master.uri())) {
                client.subscribe(INFO, recorder);

                assertThat(recorder.endedLatch.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(recorder.ended.get().code()).isEqualTo(StrataClientException.Code.PROTOCOL);
            }
        }
    }

    @Test
    void close_endsOpenStreamWithoutNotifyingListener() throws Exception {
        CountDownLatch serverDone = new CountDownLatch(1);
        try (StubServer master = new StubServer()) {
            master.on("/api/v1/scheduler", ex -> {
                openStream(ex, "s");
                try {
                    // heartbeats until the client goes away
                    for (int i = 0; i < 500; i++) {
                        writeChunks(ex.getResponseBody(), frame(HEARTBEAT));
                    }
                } catch (IOException expected) {
                    // the client closed the connection
                } finally {
                    serverDone.countDown();
                }
            });
            Recorder recorder = new Recorder();
            SchedulerClient client = SchedulerClient.of(master.uri());
            client.subscribe(INFO, recorder);
            await().atMost(Duration.ofSeconds(5)).until(() -> !recorder.events.isEmpty());

            client.close();
            int seen = recorder.events.size();

            assertThat(serverDone.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(recorder.events).hasSize(seen);
            assertThat(recorder.ended.get()).isNull();
            assertThat(recorder.endedLatch.getCount()).isEqualTo(1);
            client.close(); // idempotent
        }
    }

    @Test
    void call_beforeSubscribe_illegalState() {
        try (SchedulerClient client = SchedulerClient.of(java.net.URI.create("http://127.0.0.1:1"))) {
            assertThatThrownBy(() -> client.call(Call.of(null, Call.Type.REVIVE)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
