package io.strata.dashboard.history;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} samples, oldest first: adding to a full ring drops the oldest. Each added sample
 * gets its failure rate computed against the one before it. Thread-safe (one lock; the ring is small).
 */
public final class HistoryRing {
    private final AllocationSample[] slots;
    private int next;
    private int size;

    /** An empty ring holding at most {@code capacity} samples (1..100,000). */
    public HistoryRing(int capacity) {
        if (capacity < 1 || capacity > 100_000) {
            throw new IllegalArgumentException("history capacity must be 1..100000, not " + capacity);
        }
        slots = new AllocationSample[capacity];
    }

    /** Adds a sample (its failure rate set against the newest one held) and returns it as stored. */
    public synchronized AllocationSample add(AllocationSample sample) {
        AllocationSample stored = size == 0 ? sample : sample.withFailureRateSince(newest());
        slots[next] = stored;
        next = (next + 1) % slots.length;
        size = Math.min(size + 1, slots.length);
        return stored;
    }

    /** The samples held, oldest first. */
    public synchronized List<AllocationSample> snapshot() {
        List<AllocationSample> out = new ArrayList<>(size);
        int first = (next - size + slots.length) % slots.length;
        for (int i = 0; i < size; i++) {
            out.add(slots[(first + i) % slots.length]);
        }
        return List.copyOf(out);
    }

    /** The most samples this ring keeps. */
    public int capacity() {
        return slots.length;
    }

    private AllocationSample newest() {
        return slots[(next - 1 + slots.length) % slots.length];
    }
}
