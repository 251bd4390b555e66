package io.strata.client;

import io.strata.api.scheduler.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Coalesces a framework's calls (typically ACKNOWLEDGEs of a burst of updates) into batch requests: each
 * {@link #submit} queues; one virtual thread at a time sends everything queued as one
 * {@link SchedulerClient#callAll} request, so calls that pile up while a batch is in flight go out together in the
 * next. Calls keep their order. Against a master without the batch extension (a Mesos master answers 404) the
 * batcher falls back, for good, to one {@link SchedulerClient#call} per call.
 *
 * <p>Thread-safe. Failures go to {@code onFailure} on the sending thread (a batch answered with an error counts as
 * one failure: the calls it lists failed, the others were applied). {@link #close} stops sending; calls still
 * queued are dropped.
 */
public final class CallBatcher implements AutoCloseable {
    /** The default bound on calls per request: keeps a request (and the master's loop turn) bounded. */
    public static final int MAX_BATCH = 1_000;
    private final SchedulerClient client;
    private final int maxBatch;
    private final Consumer<StrataClientException> onFailure;
    private final List<Call> queue = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether a thread is sending; guarded by {@link #queue}. */
    private boolean sending;
    private volatile boolean batchesSupported = true;

    /** A batcher posting through {@code client}, reporting failed requests to {@code onFailure}. */
    public CallBatcher(SchedulerClient client, Consumer<StrataClientException> onFailure) {
        this(client, MAX_BATCH, onFailure);
    }

    /**
     * A batcher sending at most {@code maxBatch} calls per request: smaller batches of heavy calls (ACCEPTs with
     * many tasks) let the master start on the first while the next is on its way.
     */
    public CallBatcher(SchedulerClient client, int maxBatch, Consumer<StrataClientException> onFailure) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1: " + maxBatch);
        }
        this.client = client;
        this.maxBatch = maxBatch;
        this.onFailure = onFailure;
    }

    /** Queues a call; it is sent with the next batch. Never blocks on the network. */
    public void submit(Call call) {
        if (closed.get()) {
            return;
        }
        synchronized (queue) {
            queue.add(call);
            if (sending) {
                return;
            }
            sending = true;
        }
        Thread.ofVirtual().name("strata-call-batcher").start(this::drain);
    }

    /** Whether the master took batch requests so far (false after it answered 404 to one). */
    public boolean batching() {
        return batchesSupported;
    }

    private void drain() {
        while (!closed.get()) {
            List<Call> batch;
            synchronized (queue) {
                if (queue.isEmpty()) {
                    sending = false;
                    return;
                }
                List<Call> head = queue.subList(0, Math.min(maxBatch, queue.size()));
                batch = List.copyOf(head);
                head.clear();
            }
            send(batch);
        }
        synchronized (queue) {
            sending = false;
        }
    }

    private void send(List<Call> batch) {
        if (batchesSupported && batch.size() > 1) {
            try {
                client.callAll(batch);
                return;
            } catch (StrataClientException e) {
                if (e.status() != 404) {
                    onFailure.accept(e);
                    return;
                }
                batchesSupported = false; // not a Strata master: one call each from now on
            }
        }
        for (Call call : batch) {
            try {
                client.call(call);
            } catch (StrataClientException e) {
                onFailure.accept(e);
            }
        }
    }

    /** Stops sending; queued calls are dropped. Idempotent. */
    @Override
    public void close() {
        closed.set(true);
    }
}
