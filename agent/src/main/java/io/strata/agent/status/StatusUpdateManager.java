package io.strata.agent.status;

import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.TaskId;
import io.strata.api.mesos.TaskStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Sends each task's status updates to the master in order, one at a time, resending the head with
 * exponential backoff ({@code initialBackoff} doubling up to {@code maxBackoff}) until it is acknowledged.
 * Thread-safe; {@link #tick} is called periodically by the agent and after every change. The {@link UpdateSink}
 * may be called while a stream's lock is held, so it must hand the update over without waiting for the network.
 */
public final class StatusUpdateManager {
    private final Map<TaskId, UpdateStream> streams = new ConcurrentHashMap<>();
    private final UpdateSink sink;
    private final InstantSource clock;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private volatile BiConsumer<TaskId, UpdateStream> onDone = (id, s) -> { };

    public StatusUpdateManager(UpdateSink sink, InstantSource clock, Duration initialBackoff, Duration maxBackoff) {
        this.sink = sink;
        this.clock = clock;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Called when a task's terminal update has been acknowledged. */
    public void onDone(BiConsumer<TaskId, UpdateStream> callback) {
        this.onDone = callback;
    }

    /** Replays a task's checkpointed stream after an agent restart. */
    public UpdateStream recover(FrameworkId frameworkId, TaskId taskId, Path file) {
        UpdateStream s = UpdateStream.replay(frameworkId, file);
        streams.put(taskId, s);
        return s;
    }

    /**
     * Checkpoints an update (which must carry a uuid) and sends it when it reaches the head; returns once it is
     * durable.
     *
     * <p>An update that becomes the head is handed to the sink while its checkpoint is being synced, not after:
     * the sync (milliseconds on a real disk) and the trip to the master and the framework overlap. The guarantees
     * stay: (1) an acknowledgement is applied only under the stream's lock, which the checkpoint holds, so an update
     * never counts as delivered before it is durable, and it is resent until acknowledged; (2) if the agent dies
     * before the sync completes, the framework may have seen an update the recovered agent has no record of. That
     * update was true (it reports a change that happened), its acknowledgement is ignored as unknown, and the
     * recovered agent re-attaches the task from its launch checkpoint and reports what follows, exactly as after a
     * death just before the update was created, a window that exists anyway. No update is lost that the framework
     * has not seen, and no task is lost: the master's task record and the agent's launch checkpoint do not depend
     * on it.
     *
     * @throws java.io.UncheckedIOException if the checkpoint cannot be written (the update is not queued)
     */
    public void update(FrameworkId frameworkId, TaskStatus status, Path file) {
        UpdateStream s = streams.computeIfAbsent(status.taskId(), id -> new UpdateStream(frameworkId, file));
        s.add(status, () -> {
            if (s.size() == 1) {
                sendHead(s, true); // it is the head: on its way while the checkpoint syncs
            }
        });
    }

    /** Applies the framework's acknowledgement, then sends the next update of that task. */
    public void acknowledge(TaskId taskId, String uuid) {
        UpdateStream s = streams.get(taskId);
        if (s == null || !s.acknowledge(uuid)) {
            return;
        }
        if (s.done()) {
            streams.remove(taskId);
            onDone.accept(taskId, s);
            return;
        }
        sendHead(s, true);
    }

    /** Resends heads whose backoff has passed. */
    public void tick() {
        long now = clock.millis();
        for (UpdateStream s : streams.values()) {
            if (s.head() != null && s.nextSendMillis <= now) {
                sendHead(s, false);
            }
        }
    }

    /** Sends every head now, resetting backoff (after re-registering with a master). */
    public void flush() {
        streams.values().forEach(s -> sendHead(s, true));
    }

    private void sendHead(UpdateStream s, boolean reset) {
        TaskStatus head = s.head();
        if (head == null) {
            return;
        }
        synchronized (s) {
            s.backoffMillis = reset || s.backoffMillis == 0 ? initialBackoff.toMillis()
                    : Math.min(maxBackoff.toMillis(), s.backoffMillis * 2);
            s.nextSendMillis = clock.millis() + s.backoffMillis;
        }
        sink.send(s.frameworkId(), head);
    }

    /** The latest update of a task, if the manager has its stream. */
    public Optional<TaskStatus> latest(TaskId taskId) {
        UpdateStream s = streams.get(taskId);
        return s == null ? Optional.empty() : Optional.ofNullable(s.latest());
    }

    /** Number of tasks with unacknowledged updates. */
    public int pendingStreams() {
        return (int) streams.values().stream().filter(s -> s.head() != null).count();
    }
}
