package io.strata.dashboard.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.strata.api.json.Json;
import io.strata.dashboard.history.AllocationSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browsers' live feed ({@code GET /dashboard/api/events}, {@code text/event-stream}). Event types:
 * <ul>
 *   <li>{@code summary}: {@link ClusterSummary#toView()} (connected, leader, agents, frameworks, task counts by
 *   state), sent on connect and after every change;</li>
 *   <li>{@code operator}: the master's operator event that caused a change (TASK_ADDED, TASK_UPDATED,
 *   AGENT_ADDED, AGENT_REMOVED, FRAMEWORK_*), so pages refresh what it touches; SUBSCRIBED is not forwarded
 *   (it carries the whole state);</li>
 *   <li>{@code sample}: each new {@link AllocationSample} of the history.</li>
 * </ul>
 * Thread-safe: producers call {@link #summaryChanged} and {@link #sampled} from their own threads.
 */
public final class LiveFeed implements AutoCloseable {
    private static final Duration PING = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = Json.camel();
    private final Set<SseChannel> channels = ConcurrentHashMap.newKeySet();
    private volatile ClusterSummary summary = ClusterSummary.EMPTY;
    private volatile boolean closed;

    /** Publishes a new summary and the event behind it to every browser. */
    public void summaryChanged(ClusterSummary next, Optional<JsonNode> event) {
        summary = next;
        broadcast("summary", write(next.toView()));
        event.filter(e -> !e.path("type").asText().equals("SUBSCRIBED"))
                .ifPresent(e -> broadcast("operator", e.toString()));
    }

    /** Publishes a new history sample to every browser. */
    public void sampled(AllocationSample sample) {
        broadcast("sample", write(sample));
    }

    /** How many browsers are connected. */
    public int clients() {
        return channels.size();
    }

    /** Serves one browser on the calling (virtual) thread until it disconnects or the feed closes. */
    public void serve(Context ctx) {
        SseChannel channel = new SseChannel();
        channel.offer("summary", write(summary.toView()));
        channels.add(channel);
        if (closed) {
            channel.close();
        }
        ctx.status(200);
        ctx.res().setContentType("text/event-stream;charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        try {
            channel.serve(ctx.res().getOutputStream(), PING);
        } catch (IOException e) {
            // the browser left before the response started
        } finally {
            channels.remove(channel);
        }
    }

    private void broadcast(String type, String json) {
        for (SseChannel channel : channels) {
            if (!channel.offer(type, json)) {
                channels.remove(channel);
            }
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends every browser's stream. */
    @Override
    public void close() {
        closed = true;
        channels.forEach(SseChannel::close);
    }
}
