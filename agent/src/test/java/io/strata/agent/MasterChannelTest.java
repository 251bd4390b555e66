package io.strata.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strata.api.agent.AgentCall;
import io.strata.api.agent.AgentEvent;
import io.strata.api.json.Json;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskState;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.recordio.RecordIo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MasterChannel}'s UPDATEs against a stub master: one alone when nothing is in flight, a burst behind it as
 * one {@code POST /api/v1/agent/batch}, and one request each against a master without the batch endpoint.
 */
class MasterChannelTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final FrameworkId FRAMEWORK = new FrameworkId("f1");

    private final CountDownLatch end = new CountDownLatch(1);
    private final CountDownLatch firstUpdateGate = new CountDownLatch(1);
    private final AtomicInteger singles = new AtomicInteger();
    /** Each request's task ids: one for a single UPDATE, several for a batch (prefixed "batch:"). */
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private MasterChannel channel;

    private void startMaster(boolean batchEndpoint) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/v1/agent", this::agent);
        if (batchEndpoint) {
            server.createContext("/api/v1/agent/batch", this::batch);
        }
        server.start();
        channel = new MasterChannel("http://127.0.0.1:" + server.getAddress().getPort(),
                () -> new AgentCall.Subscribe(new io.strata.api.agent.AgentInfo(null, "127.0.0.1", 5051, List.of(),
                        List.of(), "test"), List.of(), List.of()), event -> { });
        channel.agentId(new AgentId("a1"));
        channel.start();
        await().atMost(WAIT).until(channel::connected);
    }

    @AfterEach
    void stop() {
        firstUpdateGate.countDown();
        end.countDown();
        if (channel != null) {
            channel.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private void agent(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().equals("/api/v1/agent")) { // a master without the batch extension
            byte[] body = "Not Found".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(404, body.length);
            ex.getResponseBody().write(body);
            ex.close();
            return;
        }
        AgentCall call = Json.parse(ex.getRequestBody().readAllBytes(), AgentCall.class);
        if (call.type() == AgentCall.Type.SUBSCRIBE) {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(RecordIo.frame(Json.toBytes(AgentEvent.heartbeat())));
                out.flush();
                end.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        requests.add(call.update().status().taskId().value());
        if (singles.incrementAndGet() == 1) {
            hold(firstUpdateGate); // the first UPDATE stays in flight while the test submits a burst
        }
        ex.sendResponseHeaders(202, -1);
        ex.close();
    }

    private void batch(HttpExchange ex) throws IOException {
        AgentCall[] calls = Json.parse(ex.getRequestBody().readAllBytes(), AgentCall[].class);
        StringBuilder ids = new StringBuilder("batch:");
        for (AgentCall call : calls) {
            ids.append(call.update().status().taskId().value()).append(' ');
        }
        requests.add(ids.toString().trim());
        ex.sendResponseHeaders(202, -1);
        ex.close();
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(String task) {
        assertThat(channel.sendUpdate(FRAMEWORK, TaskStatus.builder(new TaskId(task), TaskState.TASK_RUNNING)
                .uuid(task + "-uuid").build())).isTrue();
    }

    @Test
    void sendUpdate_burstBehindAnUpdateInFlight_goesAsOneBatchInOrder() throws IOException {
        startMaster(true);
        send("t1");
        await().atMost(WAIT).until(() -> requests.size() == 1);
        send("t2");
        send("t3");
        send("t4");
        firstUpdateGate.countDown();

        await().atMost(WAIT).until(() -> requests.size() == 2);
        assertThat(requests).containsExactly("t1", "batch:t2 t3 t4");
    }

    @Test
    void sendUpdate_masterWithoutBatchEndpoint_fallsBackToOneUpdateEachInOrder() throws IOException {
        startMaster(false);
        send("t1");
        await().atMost(WAIT).until(() -> requests.size() == 1);
        send("t2");
        send("t3");
        firstUpdateGate.countDown();

        await().atMost(WAIT).until(() -> requests.size() == 3);
        assertThat(requests).containsExactly("t1", "t2", "t3");
    }

    @Test
    void sendUpdate_beforeRegistration_isNotHandedOver() {
        MasterChannel unregistered = new MasterChannel("http://127.0.0.1:1", () -> null, event -> { });
        assertThat(unregistered.sendUpdate(FRAMEWORK, TaskStatus.builder(new TaskId("t1"), TaskState.TASK_RUNNING)
                .uuid("u").build())).isFalse();
        unregistered.close();
    }
}
