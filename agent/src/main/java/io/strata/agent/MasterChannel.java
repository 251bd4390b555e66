package io.strata.agent;

import io.strata.api.agent.AgentCall;
import io.strata.api.agent.AgentEvent;
import io.strata.api.json.Json;
import io.strata.api.mesos.AgentId;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.TaskStatus;
import io.strata.api.recordio.RecordIo;
import io.strata.client.Batcher;
import io.strata.client.KeepAlivePoster;
import io.strata.client.MasterLocator;
import io.strata.client.PosterSlot;
import io.strata.server.trace.LaunchHop;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's connection to the leading master: a SUBSCRIBE stream (re-opened with backoff whenever it
 * breaks, after finding the leader again), HEARTBEAT calls, and UPDATE calls for status updates.
 *
 * <p>UPDATEs go through a {@link Batcher}: one is posted at once when none is in flight (no added latency), and
 * those that pile up meanwhile (a burst of task ends) go together as one {@code POST /api/v1/agent/batch}, as
 * hollow agents send them. Against a master without that extension (404 not naming a call) the channel falls
 * back, for good, to one {@code POST /api/v1/agent} per update. Every UPDATE is fire-and-forget here: the
 * {@link io.strata.agent.status.StatusUpdateManager} resends until the framework's acknowledgement arrives.
 *
 * <p>UPDATE and HEARTBEAT go through a {@link KeepAlivePoster} on a platform thread, not through
 * {@code java.net.http}: an update is on the launch path (TASK_RUNNING), and the JDK client's hand-offs (caller,
 * worker pool, selector) and its two writes per request (headers, then body: the master's handler woke for each)
 * made the agent-to-master hop cost 6.5 ms where one write and one blocking read on the sending thread cost a
 * fraction of it. The SUBSCRIBE stream stays on {@code java.net.http}.
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
    /** Most UPDATEs per batch request: bounds the request body and the master's loop turn. */
    static final int MAX_BATCH = 1_000;
    /**
     * Sends on a platform thread kept waiting between bursts: the sender blocks on its socket, a platform thread
     * wakes through the OS alone, not after a virtual-thread carrier frees up (two carriers on two cores, shared
     * with the agent's HTTP server), and a waiting thread is scheduled ahead of a newly started one.
     */
    private final Batcher<AgentCall> updates = new Batcher<>(MAX_BATCH,
            Thread.ofPlatform().daemon().name("agent-update-sender").factory(), SENDER_KEEP_ALIVE, this::post);
    private static final Duration SENDER_KEEP_ALIVE = Duration.ofSeconds(60);
    /** UPDATE and HEARTBEAT calls: one write per request on a kept-alive connection (see {@link KeepAlivePoster}). */
    private final PosterSlot posters = new PosterSlot(Duration.ofSeconds(5), Duration.ofSeconds(10));
    private volatile boolean batchesSupported = true;

    MasterChannel(String masterAddress, Supplier<AgentCall.Subscribe> subscribe, Consumer<AgentEvent> events) {
        this.masterAddress = masterAddress;
        this.subscribe = subscribe;
        this.events = events;
        // a platform thread: RUN_TASK is on every launch's path, and a virtual reader woke only once a carrier was
        // free (the carriers are shared with the agent's HTTP handlers), after the HTTP client's selector had the bytes
        this.thread = Thread.ofPlatform().daemon().name("agent-master-channel").unstarted(this::run);
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
        Optional<KeepAlivePoster.Response> r = send("/api/v1/agent", Json.toBytes(call));
        if (r.isPresent() && r.get().status() == 404) {
            reconnect(); // the master forgot us: subscribe again
        }
        return r.isPresent() && r.get().status() == 202;
    }

    /**
     * POSTs a JSON body to the current master; empty when there is none or the request failed. UPDATE and
     * HEARTBEAT tolerate arriving twice, which {@link KeepAlivePoster} may do when a kept-alive connection breaks.
     */
    private Optional<KeepAlivePoster.Response> send(String path, byte[] body) {
        URI base = master;
        if (base == null || !connected) {
            return Optional.empty();
        }
        try {
            return Optional.of(posters.to(base).post(path, "application/json", body, java.util.Map.of()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Hands a status update to the sender without waiting for the network; false when there is no master to send
     * to yet (the update manager resends after registration).
     */
    boolean sendUpdate(FrameworkId frameworkId, TaskStatus status) {
        AgentId id = agentId;
        if (id == null || master == null || !connected) {
            return false;
        }
        LaunchHop.mark("agent", status.taskId().value(), "update.posting:" + status.state());
        updates.submit(AgentCall.update(id, new AgentCall.Update(frameworkId, status)));
        return true;
    }

    /** Posts UPDATEs: several as one batch while the master takes batches, else one request each. */
    private void post(List<AgentCall> calls) {
        if (calls.size() > 1 && batchesSupported) {
            Optional<KeepAlivePoster.Response> r = send("/api/v1/agent/batch", Json.toBytes(calls));
            if (r.isPresent() && !isMissingEndpoint(r.get())) {
                if (r.get().status() == 404) {
                    reconnect(); // a call of it named an agent the master forgot: subscribe again
                }
                answered(calls);
                return;
            }
            if (r.isEmpty()) {
                return; // not delivered: the update manager resends
            }
            batchesSupported = false; // a master without the batch extension: one call each from now on
        }
        for (AgentCall call : calls) {
            call(call);
        }
        answered(calls);
    }

    /** A 404 for the endpoint itself, not one listing failed calls ({@code calls[<index>]: ...}). */
    private static boolean isMissingEndpoint(KeepAlivePoster.Response r) {
        return r.status() == 404 && !r.text().startsWith("calls[");
    }

    private static void answered(List<AgentCall> calls) {
        for (AgentCall call : calls) {
            TaskStatus status = call.update().status();
            LaunchHop.mark("agent", status.taskId().value(), "update.answered:" + status.state());
        }
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
        updates.close();
        posters.close();
        reconnect();
        thread.interrupt();
    }
}
