package io.strata.kubernetes.exec;

import java.util.Optional;

/** Finds where a pod's container runs now; the framework answers from the scheduler's view of its pods. */
@FunctionalInterface
public interface ExecTargets {

    /**
     * The container's agent and task in the pod's current attempt (a null {@code container}: the pod's first), or
     * empty when it has not been launched; exec and port-forward both resolve pods through it.
     */
    Optional<ExecTarget> find(String namespace, String pod, String container);
}
