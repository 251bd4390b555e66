package io.strata.testing.hollow;

import io.strata.api.agent.AgentCall;
import io.strata.api.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * What all hollow agents of a cluster share: one HTTP/1.1 client to the master's agent endpoint, a bound on
 * concurrent calls (every call in flight holds a connection, and a JVM has a limited number of file
 * descriptors), a timer for heartbeats and delayed updates, and a failure counter. Thread-safe.
 */
final class MasterLink {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private final URI endpoint;
    private final URI batchEndpoint;
    /**
     * Whether agents coalesce the updates that are ready at the same moment into one call of the master's batch
     * endpoint ({@code POST /api/v1/agent/batch}); switchable at run time so a benchmark can compare both.
     */
    volatile boolean batchUpdates = true;
    private final HttpClient http;
    private final Semaphore permits;
    /**
     * Heartbeats have permits of their own: behind a backlog of thousands of UPDATEs they would wait longer
     * than the master's unreachable timeout, and the master would mark busy agents unreachable. Many permits,
     * because a loaded master answers slowly: 10,000 agents every 30 s at 0.5 s each need ~170 in flight.
     */
    private static final int HEARTBEAT_PERMITS = 512;
    private final Semaphore heartbeatPermits = new Semaphore(HEARTBEAT_PERMITS);
    final ScheduledExecutorService timer;
    final LongAdder failedCalls = new LongAdder();
    /** UPDATE calls (single or batched) issued and not yet answered. */
    final LongAdder updatesInFlight = new LongAdder();

    MasterLink(URI master, HttpClient http, int maxConcurrentCalls, ScheduledExecutorService timer) {
        this.endpoint = master.resolve("/api/v1/agent");
        this.batchEndpoint = master.resolve("/api/v1/agent/batch");
        this.http = http;
        this.permits = new Semaphore(maxConcurrentCalls);
        this.timer = timer;
    }

    /** A client suited to thousands of hollow agents: HTTP/1.1, no redirects, 10 s connect timeout. */
    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Sends SUBSCRIBE and returns the open stream once the master answered 200; the permit is held only until
     * the headers arrive, so that a thousand agents starting at once queue here instead of in the master's
     * accept backlog.
     *
     * @throws IOException when the master is unreachable or answers anything but 200 (message has the body)
     */
    InputStream subscribe(AgentCall call) throws IOException, InterruptedException {
        permits.acquire();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request(call).build(), HttpResponse.BodyHandlers.ofInputStream());
        } finally {
            permits.release();
        }
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw new IOException("SUBSCRIBE answered " + response.statusCode() + ": "
                        + new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return response.body();
    }

    /** Posts UPDATE or HEARTBEAT; returns the HTTP status, or -1 when the call failed (counted). */
    int post(AgentCall call) {
        Semaphore pool = call.type() == AgentCall.Type.HEARTBEAT ? heartbeatPermits : permits;
        return send(pool, request(call));
    }

    /**
     * Posts several UPDATEs as one batch; returns the HTTP status (202 when the master took all of them), or -1
     * when the call failed. A failed batch counts once.
     */
    int postBatch(List<AgentCall> calls) {
        if (calls.size() == 1) {
            return post(calls.get(0));
        }
        return send(permits, HttpRequest.newBuilder(batchEndpoint).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(calls))));
    }

    private int send(Semaphore pool, HttpRequest.Builder request) {
        boolean update = pool == permits;
        if (update) {
            updatesInFlight.increment();
        }
        try {
            return sendHoldingCount(pool, request);
        } finally {
            if (update) {
                updatesInFlight.decrement();
            }
        }
    }

    private int sendHoldingCount(Semaphore pool, HttpRequest.Builder request) {
        try {
            pool.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        try {
            int status = http.send(request.timeout(CALL_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 202) {
                failedCalls.increment();
            }
            return status;
        } catch (IOException e) {
            failedCalls.increment();
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            pool.release();
        }
    }

    private HttpRequest.Builder request(AgentCall call) {
        return HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(call)));
    }
}
