package io.strata.master.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.api.json.Json;
import io.strata.server.EventStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Subscribers of the v1 operator API event stream (TASK_ADDED, TASK_UPDATED, AGENT_ADDED, AGENT_REMOVED,
 * FRAMEWORK_ADDED, FRAMEWORK_UPDATED, FRAMEWORK_REMOVED, HEARTBEAT).
 */
public final class OperatorEvents {
    private final List<EventStream> subscribers = new CopyOnWriteArrayList<>();

    /** Adds a subscriber; it is dropped when its stream closes. */
    public void add(EventStream stream) {
        subscribers.add(stream);
        stream.onClose(() -> subscribers.remove(stream));
    }

    /** Whether anybody listens (rendering is skipped otherwise). */
    public boolean hasSubscribers() {
        return !subscribers.isEmpty();
    }

    /** Sends {@code {"type": type, "<lowercase type>": body}} to every subscriber. */
    public void publish(String type, ObjectNode body) {
        if (subscribers.isEmpty()) {
            return;
        }
        ObjectNode event = Json.mesos().createObjectNode();
        event.put("type", type);
        if (body != null) {
            event.set(type.toLowerCase(java.util.Locale.ROOT), body);
        }
        byte[] bytes = Json.toBytes(event);
        for (EventStream s : subscribers) {
            s.send(bytes);
        }
    }

    /** Closes every subscriber stream (leadership lost, shutdown). */
    public void closeAll() {
        subscribers.forEach(EventStream::close);
        subscribers.clear();
    }
}
