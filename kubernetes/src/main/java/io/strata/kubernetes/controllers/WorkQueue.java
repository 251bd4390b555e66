package io.strata.kubernetes.controllers;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A de-duplicating queue of keys as upstream's workqueue: a key added while queued is queued once; a key added while
 * being processed is queued again after it is done, so one key is never synced by two threads.
 */
final class WorkQueue<K> {

    private final LinkedHashSet<K> queued = new LinkedHashSet<>();
    private final java.util.Set<K> processing = new java.util.HashSet<>();
    private final java.util.Set<K> dirty = new java.util.HashSet<>();
    private final ScheduledExecutorService timer;
    private boolean closed;

    WorkQueue(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    synchronized void add(K key) {
        if (closed) {
            return;
        }
        if (processing.contains(key)) {
            dirty.add(key);
            return;
        }
        if (queued.add(key)) {
            notifyAll();
        }
    }

    void addAfter(K key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
        } else {
            try {
                timer.schedule(() -> add(key), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the manager is closing: nothing is synced any more
            }
        }
    }

    /** The next key (marked processing), or null once closed. */
    synchronized K take() throws InterruptedException {
        while (queued.isEmpty() && !closed) {
            wait();
        }
        if (closed) {
            return null;
        }
        Iterator<K> it = queued.iterator();
        K key = it.next();
        it.remove();
        processing.add(key);
        return key;
    }

    synchronized void done(K key) {
        processing.remove(key);
        if (dirty.remove(key) && queued.add(key)) {
            notifyAll();
        }
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
