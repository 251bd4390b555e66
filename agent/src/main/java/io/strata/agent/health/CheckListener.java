package io.strata.agent.health;

import io.strata.api.mesos.CheckStatusInfo;

/** Receives the reported results of a task's general check, on the checker's thread, one call at a time. */
@FunctionalInterface
public interface CheckListener {

    /** Called when the check's reported result changes (see {@link CheckState}). */
    void onCheck(CheckStatusInfo status);
}
