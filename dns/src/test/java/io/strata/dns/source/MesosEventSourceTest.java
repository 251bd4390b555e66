package io.strata.dns.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javalin.http.Context;
import io.strata.api.recordio.RecordIo;
import io.strata.client.HttpTransport;
import io.strata.client.MasterLocator;
import io.strata.dns.records.HostResolver;
import io.strata.dns.records.MesosRecordGenerator;
import io.strata.dns.records.RecordSet;
import io.strata.server.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The source against a real HTTP server playing a master's operator API: the first stream sends SUBSCRIBED then
 * falls silent (a hung master), later ones send SUBSCRIBED with another task, or garbage.
 */
class MesosEventSourceTest {
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<RecordSet> published = new AtomicReference<>(RecordSet.EMPTY);
    private HttpServer master;
    private MesosEventSource source;

    @AfterEach
    void stop() {
        release.countDown();
        if (source != null) {
            source.close();
        }
        if (master != null) {
            master.close();
        }
    }

    private static byte[] subscribed(String task) {
        String json = """
                {"type":"SUBSCRIBED","subscribed":{"heartbeat_interval_seconds":0.5,"get_state":{
                 "get_agents":{"agents":[{"agent_info":{"id":{"value":"M-S0"},"hostname":"127.0.0.1","port":5051},
                                          "pid":"slave(1)@127.0.0.1:5051"}]},
                 "get_frameworks":{"frameworks":[{"framework_info":{"id":{"value":"M-0000"},"name":"fw"}}]},
                 "get_tasks":{"tasks":[{"name":"%s","task_id":{"value":"%s"},"framework_id":{"value":"M-0000"},
                                        "agent_id":{"value":"M-S0"},"state":"TASK_RUNNING","resources":[]}]}}}}"""
                .formatted(task, task);
        return RecordIo.frame(json.getBytes(StandardCharsets.UTF_8));
    }

    private void operatorApi(Context ctx, List<byte[]> afterFirst) throws IOException, InterruptedException {
        int n = subscriptions.incrementAndGet();
        ctx.status(200).contentType("application/json");
        OutputStream out = ctx.res().getOutputStream();
        if (n == 1) {
            out.write(subscribed("first"));
        } else {
            for (byte[] b : afterFirst) {
                out.write(b);
            }
        }
        out.flush();
        release.await(60, TimeUnit.SECONDS); // then silence: no heartbeat, no end
    }

    private void start(List<byte[]> afterFirst) {
        master = HttpServer.start("127.0.0.1", 0, r -> r.post("/api/v1", ctx -> operatorApi(ctx, afterFirst)));
        source = new MesosEventSource("http://127.0.0.1:" + master.port(), new MasterLocator((zk, t) -> {
            throw new IllegalStateException("no zk in this test");
        }), HttpTransport.create(), new MesosRecordGenerator("mesos", MesosRecordGenerator.DEFAULT_IP_SOURCES,
                HostResolver.literalsOnly()));
        source.start((name, records) -> published.set(records));
    }

    @Test
    void follow_streamFallsSilent_reconnectsAndReplacesRecords() {
        start(List.of(subscribed("second")));

        await().atMost(Duration.ofSeconds(30)).until(() -> published.get().hosts().containsKey("first.fw.mesos."));
        assertThat(published.get().hosts()).containsEntry("leader.mesos.", List.of("127.0.0.1"));
        // three heartbeat intervals are 1.5 s; the floor is 5 s before the stream counts as dead
        await().atMost(Duration.ofSeconds(60)).until(() -> published.get().hosts().containsKey("second.fw.mesos."));
        assertThat(published.get().hosts()).doesNotContainKey("first.fw.mesos.");
        assertThat(subscriptions.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void follow_garbageStream_staleRecordsKeptWhileRetrying() {
        start(List.of("12\nnot json at all".getBytes(StandardCharsets.UTF_8)));

        await().atMost(Duration.ofSeconds(30)).until(() -> published.get().hosts().containsKey("first.fw.mesos."));
        await().atMost(Duration.ofSeconds(60)).until(() -> subscriptions.get() >= 3);

        assertThat(published.get().hosts()).containsKey("first.fw.mesos.");
        assertThat(source.connected()).isFalse();
    }
}
