package io.strata.kubernetes.portforward;

import java.net.URI;
import java.util.Objects;

/** Where a pod's network namespace can be entered: its agent and one of its running container tasks. */
public record PodTarget(URI agent, String taskId) {

    /** Both parts are required. */
    public PodTarget {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(taskId, "taskId");
    }
}
