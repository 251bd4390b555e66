package io.strata.services.http;

import com.fasterxml.jackson.databind.util.RawValue;
import io.strata.services.model.AppDefinition;
import io.strata.services.model.Instance;
import io.strata.services.wire.AppWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serialized task JSON per instance record: instances are immutable, so a task's JSON is written once per state
 * change instead of once per request, and {@code /v2/apps?embed=apps.tasks} over 10,000 tasks splices cached
 * bytes. Entries of instances that no longer exist are dropped when the cache grows past twice the live count.
 * Thread-safe.
 */
final class TaskJsonCache {
    private record Entry(Instance instance, String json) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The tasks as a raw JSON array, ready to put into a response map. */
    RawValue tasks(List<Instance> instances, AppDefinition app) {
        StringBuilder out = new StringBuilder(instances.size() * 512 + 2).append('[');
        for (int i = 0; i < instances.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(json(instances.get(i), app));
        }
        return new RawValue(out.append(']').toString());
    }

    private String json(Instance instance, AppDefinition app) {
        Entry entry = entries.get(instance.taskId());
        if (entry != null && entry.instance() == instance) {
            return entry.json();
        }
        String json = MarathonApi.write(AppWriter.task(instance, app));
        entries.put(instance.taskId(), new Entry(instance, json));
        return json;
    }

    /** Drops entries of instances that {@code live} no longer knows once the cache is past twice {@code liveCount}. */
    void prune(int liveCount, java.util.function.Function<String, Instance> live) {
        if (entries.size() > 2 * liveCount + 1024) {
            entries.keySet().removeIf(taskId -> live.apply(taskId) == null);
        }
    }
}
