package io.strata.store.leader;

import java.util.Optional;

/**
 * Told when the leader seen by a {@link LeaderDetector} changes.
 *
 * <p>Threading: called on the detector's own single event thread, one call at a time, in order. It must return
 * quickly and must not wait for the detector. An exception thrown by the listener is logged and ignored.
 */
@FunctionalInterface
public interface LeaderChangeListener {

    /**
     * The leader changed: {@code leaderData} holds the new leader's bytes (a copy), or is empty when no leader is
     * known (no contender, or the detector lost its ZooKeeper session).
     */
    void leaderChanged(Optional<byte[]> leaderData);
}
