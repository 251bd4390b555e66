package io.strata.agent;

import io.strata.api.mesos.Label;
import io.strata.api.mesos.TaskInfo;
import java.util.ArrayList;
import java.util.List;

/** Reads the Strata extension labels a task carries (start order, check thresholds); pure. */
final class TaskLabels {

    private TaskLabels() {
    }

    /** The values of the task's labels with {@code key}, in order; empty when it has none. */
    static List<String> values(TaskInfo task, String key) {
        List<String> values = new ArrayList<>();
        if (task.labels() == null || task.labels().labels() == null) {
            return values;
        }
        for (Label label : task.labels().labels()) {
            if (label != null && key.equals(label.key()) && label.value() != null) {
                values.add(label.value());
            }
        }
        return values;
    }

    /** The first {@code key} label as a count of at least 1: 1 when absent or not a number. */
    static int positive(TaskInfo task, String key) {
        List<String> values = values(task, key);
        if (values.isEmpty()) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(values.get(0).strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
