package io.strata.agent;

import io.strata.agent.launcher.LaunchHop;
import io.strata.api.agent.AgentCall;
import io.strata.api.agent.AgentEvent;
import io.strata.api.json.Json;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.recordio.RecordIo;
import io.strata.client.MasterLocator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's connection to the leading master: a SUBSCRIBE stream (re-opened with backoff whenever it
 * breaks, after finding the leader again), HEARTBEAT calls, and UPDATE calls for status updates.
 */
final class MasterChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterChannel.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private final String masterAddress;
    // HTTP/1.1 explicitly: the default (HTTP/2) tries an h2c upgrade that the master does not speak
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Supplier<AgentCall.Subscribe> subscribe;
    private final Consumer<AgentEvent> events;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread thread;
    private volatile URI master;
    private volatile AgentId agentId;
    private volatile boolean connected;
    private volatile InputStream current;

    MasterChannel(String masterAddress, Supplier<AgentCall.Subscribe> subscribe, Consumer<AgentEvent> events) {
        this.masterAddress = masterAddress;
        this.subscribe = subscribe;
        this.events = events;
        this.thread = Thread.ofVirtual().name("agent-master-channel").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    boolean connected() {
        return connected;
    }

    void agentId(AgentId id) {
        this.agentId = id;
    }

    private void run() {
        long backoff = 100;
        while (!closed.get()) {
            try {
                URI base = locate();
                master = base;
                stream(base);
                backoff = 100;
            } catch (IOException | RuntimeException e) {
                if (!closed.get()) {
                    LOG.info("master connection failed: {}; retrying", e.getMessage());
                }
            } catch (InterruptedException e) {
                return;
            }
            connected = false;
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF.toMillis(), backoff * 2);
        }
    }

    private URI locate() {
        return MasterLocator.standard().resolve(masterAddress);
    }

    private void stream(URI base) throws IOException, InterruptedException {
        URI target = base.resolve("/api/v1/agent");
        for (int redirects = 0; redirects < 3; redirects++) {
            HttpRequest request = HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(AgentCall.subscribe(subscribe.get()))))
                    .build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 307) {
                response.body().close();
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty()) {
                    throw new IOException("master redirected without a Location");
                }
                URI leader = URI.create(location.get());
                master = URI.create(leader.getScheme() + "://" + leader.getAuthority());
                target = master.resolve("/api/v1/agent");
                continue;
            }
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes());
                throw new IOException("master answered " + response.statusCode() + ": " + body);
            }
            current = response.body();
            try (InputStream in = response.body()) {
                connected = true;
                Optional<byte[]> record;
                while (!closed.get() && (record = RecordIo.read(in)).isPresent()) {
                    events.accept(Json.parse(record.get(), AgentEvent.class));
                }
            }
            return;
        }
        throw new IOException("too many redirects");
    }

    /** Posts a call to the master; returns whether it was accepted (202). */
    boolean call(AgentCall call) {
        URI base = master;
        if (base == null || !connected) {
            return false;
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/agent"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(call))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404) {
                reconnect(); // the master forgot us: subscribe again
            }
            return r.statusCode() == 202;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean sendUpdate(FrameworkId frameworkId, TaskStatus status) {
        AgentId id = agentId;
        LaunchHop.mark(status.taskId().value(), "update.posting:" + status.state());
        boolean accepted = id != null && call(AgentCall.update(id, new AgentCall.Update(frameworkId, status)));
        LaunchHop.mark(status.taskId().value(), "update.answered:" + status.state());
        return accepted;
    }

    void heartbeat() {
        AgentId id = agentId;
        if (id != null) {
            call(AgentCall.heartbeat(id));
        }
    }

    /** Drops the current stream so the channel subscribes again. */
    void reconnect() {
        InputStream in = current;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // closing is all we want
            }
        }
    }

    @Override
    public void close() {
        closed.set(true);
        reconnect();
        thread.interrupt();
    }
}
