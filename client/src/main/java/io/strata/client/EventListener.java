package io.strata.client;

import io.strata.api.scheduler.Event;

/**
 * Receives the events of a scheduler subscription.
 *
 * <p>Threading: both methods are called on the subscription's single reader (virtual) thread, one call at a
 * time, in stream order. A slow listener delays later events (and eventually the master's writes) but loses
 * none. An exception thrown by {@link #onEvent} is logged and the stream goes on.
 */
public interface EventListener {
    /** One event, SUBSCRIBED first. Heartbeats are delivered too. */
    void onEvent(Event event);

    /**
     * The stream ended without {@link SchedulerClient#close()} having been called: {@code cause} says why
     * (the master closed the connection, or the stream broke or was malformed). Called at most once; never
     * after {@code close()}.
     */
    void onStreamEnded(StrataClientException cause);
}
