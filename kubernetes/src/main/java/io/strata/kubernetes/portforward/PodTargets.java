package io.strata.kubernetes.portforward;

import java.util.Optional;

/** Finds where a pod runs now (the scheduler knows): empty while the pod is not launched or not known. */
@FunctionalInterface
public interface PodTargets {

    /** The target of pod {@code namespace/pod}, if it runs. */
    Optional<PodTarget> find(String namespace, String pod);
}
