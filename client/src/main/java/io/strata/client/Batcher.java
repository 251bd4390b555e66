package io.strata.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Coalesces items submitted from any thread into batches: one thread at a time (virtual by default) hands
 * everything queued (at most {@code maxBatch} items, in submission order) to the sender, so items that pile up while
 * a batch is being sent go out together in the next one.
 *
 * <p>There is no linger: the first item submitted to an idle batcher is sent at once, alone, so a batcher adds no
 * latency when only one item is pending; batches form only behind a send in flight. Thread-safe; {@link #submit}
 * never blocks on the sender. The sender runs on the batcher's thread and must not throw (a throw drops that
 * batch). {@link #close} stops sending; items still queued are dropped.
 *
 * @param <T> the item type (a call of some API)
 */
public final class Batcher<T> implements AutoCloseable {
    private final int maxBatch;
    private final Consumer<List<T>> sender;
    private final java.util.concurrent.ThreadFactory threads;
    private final List<T> queue = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether a thread is sending (or waiting for items within its keep-alive); guarded by {@link #queue}. */
    private boolean sending;
    /** How long a drain thread waits for more items before it ends; 0: it ends as soon as the queue is empty. */
    private final long keepAliveNanos;

    /**
     * A batcher handing at most {@code maxBatch} items at a time to {@code sender} on a virtual thread named
     * {@code threadName}.
     */
    public Batcher(int maxBatch, String threadName, Consumer<List<T>> sender) {
        this(maxBatch, Thread.ofVirtual().name(threadName).factory(), sender);
    }

    /**
     * A batcher handing at most {@code maxBatch} items at a time to {@code sender} on threads from {@code threads}
     * (one per burst). A platform thread factory suits a sender that blocks on a socket on a latency-critical path:
     * it wakes through the OS scheduler alone instead of waiting for a virtual-thread carrier.
     */
    public Batcher(int maxBatch, java.util.concurrent.ThreadFactory threads, Consumer<List<T>> sender) {
        this(maxBatch, threads, java.time.Duration.ZERO, sender);
    }

    /**
     * A batcher whose drain thread, from {@code threads}, waits up to {@code keepAlive} for the next item before it
     * ends. On a loaded machine a thread that wakes from a wait is scheduled ahead of a newly started one (which
     * the kernel queues behind the runnable threads), so a kept-alive sender hands an item over sooner.
     */
    public Batcher(int maxBatch, java.util.concurrent.ThreadFactory threads, java.time.Duration keepAlive,
                   Consumer<List<T>> sender) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1: " + maxBatch);
        }
        if (keepAlive.isNegative()) {
            throw new IllegalArgumentException("keepAlive must not be negative: " + keepAlive);
        }
        this.maxBatch = maxBatch;
        this.threads = threads;
        this.keepAliveNanos = keepAlive.toNanos();
        this.sender = sender;
    }

    /** Queues an item; it is sent at once when nothing is in flight, else with the next batch. */
    public void submit(T item) {
        if (closed.get()) {
            return;
        }
        synchronized (queue) {
            queue.add(item);
            if (sending) {
                queue.notifyAll(); // a kept-alive drain thread may be waiting
                return;
            }
            sending = true;
        }
        threads.newThread(this::drain).start();
    }

    private void drain() {
        while (!closed.get()) {
            List<T> batch;
            synchronized (queue) {
                awaitItems();
                if (queue.isEmpty()) {
                    sending = false;
                    return;
                }
                List<T> head = queue.subList(0, Math.min(maxBatch, queue.size()));
                batch = List.copyOf(head);
                head.clear();
            }
            try {
                sender.accept(batch);
            } catch (RuntimeException e) {
                // the sender's contract is not to throw; a batch it failed on is dropped, the next still goes
            }
        }
        synchronized (queue) {
            sending = false;
        }
    }

    /** Waits, holding {@link #queue}'s monitor, up to the keep-alive for an item (or close). */
    private void awaitItems() {
        long deadline = System.nanoTime() + keepAliveNanos;
        long left;
        while (queue.isEmpty() && !closed.get() && (left = deadline - System.nanoTime()) > 0) {
            try {
                queue.wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops sending; queued items are dropped. Idempotent. */
    @Override
    public void close() {
        closed.set(true);
        synchronized (queue) {
            queue.notifyAll();
        }
    }
}
