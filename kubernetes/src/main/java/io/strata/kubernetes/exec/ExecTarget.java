package io.strata.kubernetes.exec;

import java.net.URI;
import java.util.Objects;

/** Where a pod's container runs: its agent's base URL ({@code http://host:port}) and its Mesos task id. */
public record ExecTarget(URI agent, String taskId) {

    /** Validates the parts. */
    public ExecTarget {
        Objects.requireNonNull(agent, "agent");
        if (taskId == null || taskId.isEmpty()) {
            throw new IllegalArgumentException("taskId is required");
        }
    }
}
