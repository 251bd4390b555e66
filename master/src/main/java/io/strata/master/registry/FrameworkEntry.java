package io.strata.master.registry;

import io.strata.api.mesos.FrameworkId;
import io.strata.api.mesos.FrameworkInfo;
import io.strata.api.mesos.OfferId;
import io.strata.server.EventStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registered framework. It is {@code connected} while its subscription stream is open; a disconnected
 * framework keeps its tasks until its failover timeout passes.
 */
public final class FrameworkEntry {
    public final FrameworkId id;
    public FrameworkInfo info;
    public EventStream stream;
    public boolean connected;
    public boolean suppressed;
    public final double registeredTime;
    public Double reregisteredTime;
    public Double unregisteredTime;
    /** Epoch millis after which a disconnected framework is removed; 0 while connected. */
    public long failoverDeadlineMillis;
    public boolean recovered;
    public final Map<TaskKey, TaskEntry> tasks = new LinkedHashMap<>();
    public final Deque<TaskEntry> completed = new ArrayDeque<>();
    public final Map<OfferId, OfferEntry> offers = new LinkedHashMap<>();
    /** Executors of task groups with a non-terminal task, by {@link ExecutorEntry#key()}. */
    public final Map<String, ExecutorEntry> executors = new LinkedHashMap<>();

    public FrameworkEntry(FrameworkId id, FrameworkInfo info, double registeredTime) {
        this.id = id;
        this.info = info;
        this.registeredTime = registeredTime;
    }

    /** The role the framework's resources are allocated to. */
    public String role() {
        return info.role() == null || info.role().isEmpty() ? "*" : info.role();
    }

    /** Adds a completed task, dropping the oldest beyond the limit. */
    public void complete(TaskEntry task, int limit) {
        completed.addLast(task);
        while (completed.size() > limit) {
            completed.removeFirst();
        }
    }
}
