package io.strata.agent.status;

import io.strata.api.json.Json;
import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.TaskStatus;
import io.strata.server.trace.LaunchHop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The update stream of one task: a queue of unacknowledged updates backed by an append-only file of
 * JSON lines ({@code {"update": status}} and {@code {"ack": uuid}}), replayed on recovery.
 */
public final class UpdateStream {
    private final FrameworkId frameworkId;
    private final Path file;
    private final Deque<TaskStatus> pending = new ArrayDeque<>();
    private TaskStatus latest;
    private boolean terminalAcknowledged;
    /** When the head may be sent again (epoch millis) and the current backoff. */
    long nextSendMillis;
    long backoffMillis;

    UpdateStream(FrameworkId frameworkId, Path file) {
        this.frameworkId = frameworkId;
        this.file = file;
    }

    /** One line of the checkpoint file. */
    record Line(TaskStatus update, String ack) {
    }

    /** Rebuilds a stream from its checkpoint file. */
    static UpdateStream replay(FrameworkId frameworkId, Path file) {
        UpdateStream s = new UpdateStream(frameworkId, file);
        if (!Files.exists(file)) {
            return s;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String text : lines) {
                if (text.isBlank()) {
                    continue;
                }
                Line line;
                try {
                    line = Json.mesos().readValue(text, Line.class);
                } catch (IOException e) {
                    continue; // a torn last line from a crash mid-write
                }
                if (line.update() != null) {
                    s.pending.addLast(line.update());
                    s.latest = line.update();
                } else if (line.ack() != null) {
                    s.removeAcked(line.ack());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    private boolean removeAcked(String uuid) {
        TaskStatus head = pending.peekFirst();
        if (head != null && uuid.equals(head.uuid())) {
            pending.removeFirst();
            if (head.state().isTerminal()) {
                terminalAcknowledged = true;
            }
            return true;
        }
        return false;
    }

    private void append(Line line) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, (Json.toString(line) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
                    StandardOpenOption.DSYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint status update to " + file, e);
        }
    }

    /**
     * Queues an update and checkpoints it (appended with {@code DSYNC}), running {@code beforeSync} once it is
     * queued and before the sync, all under this stream's lock: an acknowledgement ({@link #acknowledge}, same
     * lock) is never applied before the update is durable. If the checkpoint fails the update is taken out again
     * and the failure thrown.
     */
    synchronized void add(TaskStatus status, Runnable beforeSync) {
        TaskStatus previous = latest;
        pending.addLast(status);
        latest = status;
        try {
            beforeSync.run();
            append(new Line(status, null));
        } catch (RuntimeException e) {
            pending.removeLastOccurrence(status);
            latest = previous;
            throw e;
        }
        LaunchHop.mark("agent", status.taskId().value(), "status.checkpointed:" + status.state());
    }

    /** Applies an acknowledgement; returns whether it matched the head. */
    synchronized boolean acknowledge(String uuid) {
        TaskStatus head = pending.peekFirst();
        if (head == null || !uuid.equals(head.uuid())) {
            return false;
        }
        append(new Line(null, uuid));
        return removeAcked(uuid);
    }

    synchronized TaskStatus head() {
        return pending.peekFirst();
    }

    /** The latest update generated for the task (acknowledged or not). */
    public synchronized TaskStatus latest() {
        return latest;
    }

    public FrameworkId frameworkId() {
        return frameworkId;
    }

    /** Whether the task's terminal update has been acknowledged: nothing more will ever be sent. */
    public synchronized boolean done() {
        return terminalAcknowledged && pending.isEmpty();
    }

    synchronized int size() {
        return pending.size();
    }
}
