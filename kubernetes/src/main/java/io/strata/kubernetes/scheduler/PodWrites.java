package io.strata.kubernetes.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's store writes, made off its loop so that one slow ZooKeeper round trip never holds up placement:
 * writes of one pod run one after another in the order submitted (a binding before the status that follows it),
 * writes of different pods run at once (ZooKeeper pipelines them on its connection), at most
 * {@value #MAX_IN_FLIGHT} at a time. Pod status writes are coalesced: a status submitted while an earlier one of the
 * same pod still waits replaces it, so a pod whose status changes quickly costs one write, not one per change.
 *
 * <p>Thread-safe. Writes must report their own failures (they run on virtual threads); a write that throws is
 * logged.
 */
final class PodWrites implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PodWrites.class);
    static final int MAX_IN_FLIGHT = 512;

    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore permits = new Semaphore(MAX_IN_FLIGHT);
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> pendingStatus = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Runs {@code write} after every write submitted before for {@code pod} ({@code namespace/name}). */
    void submit(String pod, Runnable write) {
        if (closed.get()) {
            return;
        }
        CompletableFuture<Void> next = tails.compute(pod, (k, tail) -> (tail == null
                ? CompletableFuture.runAsync(() -> run(write), pool)
                : tail.thenRunAsync(() -> run(write), pool)));
        next.whenComplete((v, e) -> tails.remove(pod, next));
    }

    /**
     * Writes the pod's {@code status} with {@code write}, after the pod's earlier writes; if a status of the pod is
     * still waiting, only the newest of the two is written.
     */
    void status(String pod, ObjectNode status, Consumer<ObjectNode> write) {
        if (pendingStatus.put(pod, status) == null) {
            submit(pod, () -> {
                ObjectNode newest = pendingStatus.remove(pod);
                if (newest != null) {
                    write.accept(newest);
                }
            });
        }
    }

    /** Takes the pod's waiting status, if any, for a write that stores it along with something else. */
    ObjectNode takeStatus(String pod) {
        return pendingStatus.remove(pod);
    }

    /** Runs a write that needs no order (an event). */
    void any(Runnable write) {
        if (closed.get()) {
            return;
        }
        pool.execute(() -> run(write));
    }

    /** How many pods have writes queued or running. */
    int pending() {
        return tails.size();
    }

    private void run(Runnable write) {
        if (closed.get()) {
            return;
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.warn("scheduler store write failed: {}", e.toString());
        } finally {
            permits.release();
        }
    }

    /** Drops writes not yet started. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pool.shutdownNow();
        }
    }
}
