package io.strata.kubernetes.exec;

import java.util.Optional;

/** Finds where a pod's container runs now; the framework answers from the scheduler's view of its pods. */
@FunctionalInterface
public interface ExecTargets {

    /** The container's agent and task in the pod's current attempt, or empty when it has not been launched. */
    Optional<ExecTarget> find(String namespace, String pod, String container);
}
