package io.strata.kubernetes.controllers;

import io.strata.kubernetes.store.ObjectKey;
import io.strata.kubernetes.store.StoreEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** One controller as the {@link ControllerManager} drives it: which events wake which keys, and one sync. */
public interface Controller {

    /** A short name for threads and logs. */
    String name();

    /** The store resources to watch ({@code "pods"}, {@code "apps/replicasets"}). */
    List<String> watches();

    /** The keys to sync after {@code event}; runs on the controller's dispatcher thread (may read the store). */
    Collection<ObjectKey> keysFor(StoreEvent event);

    /** All keys, synced every resync period (time-driven controllers need it; the others are cheap no-ops). */
    Collection<ObjectKey> allKeys();

    /**
     * Brings one key towards its desired state; returns when to sync it again (time-driven waits), empty if only
     * events should. Throwing or a failed apply makes the manager retry the key after a back-off.
     */
    Optional<Duration> sync(ObjectKey key);
}
