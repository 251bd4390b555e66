package io.strata.kubernetes.store;

/**
 * Receives the events of a watch in revision order. Called on the store's single event thread: it must not block
 * (hand the event to a queue).
 */
@FunctionalInterface
public interface WatchListener {

    /** Receives one event. */
    void onEvent(StoreEvent event);
}
