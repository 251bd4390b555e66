package io.strata.services.engine;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Publishes Marathon events ({@code status_update_event}, {@code deployment_success}, ...) to subscribers such
 * as {@code /v2/events} streams. Every event gets {@code eventType} and {@code timestamp}. Subscribers are called
 * on the publishing thread and must not block (SSE streams only queue). Thread-safe.
 */
public final class EventBus {
    private final Set<Consumer<Map<String, Object>>> subscribers = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    /** A bus stamping events with {@code clock}. */
    public EventBus(Clock clock) {
        this.clock = clock;
    }

    /** Adds a subscriber; returns a handle that removes it. */
    public Runnable subscribe(Consumer<Map<String, Object>> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Publishes one event of {@code type} with the given fields. */
    public void publish(String type, Map<String, Object> fields) {
        if (subscribers.isEmpty()) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>(fields);
        event.put("eventType", type);
        event.put("timestamp", io.strata.services.wire.AppWriter.time(clock.instant()));
        for (Consumer<Map<String, Object>> subscriber : subscribers) {
            subscriber.accept(event);
        }
    }

    /** The number of subscribers. */
    public int subscriberCount() {
        return subscribers.size();
    }
}
