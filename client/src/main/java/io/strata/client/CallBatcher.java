package io.strata.client;

import io.strata.api.scheduler.Call;
import java.util.List;
import java.util.function.Consumer;

/**
 * Coalesces a framework's calls (typically ACKNOWLEDGEs of a burst of updates) into batch requests (a
 * {@link Batcher}): each {@link #submit} queues; one virtual thread at a time sends everything queued as one
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
    private final Consumer<StrataClientException> onFailure;
    private final Batcher<Call> batcher;
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
        this.client = client;
        this.onFailure = onFailure;
        this.batcher = new Batcher<>(maxBatch, "strata-call-batcher", this::send);
    }

    /** Queues a call; it is sent at once when no request is in flight, else with the next batch. Never blocks. */
    public void submit(Call call) {
        batcher.submit(call);
    }

    /** Whether the master took batch requests so far (false after it answered 404 to one). */
    public boolean batching() {
        return batchesSupported;
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
        batcher.close();
    }
}
