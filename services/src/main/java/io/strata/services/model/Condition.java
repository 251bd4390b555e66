package io.strata.services.model;

import io.strata.api.mesos.TaskState;

/**
 * The lifecycle of one instance as the framework sees it: {@link #PROVISIONED} (stored, ACCEPT being sent), then
 * the Mesos task states.
 */
public enum Condition {
    /** Stored with its agent and ports before the ACCEPT is sent; no status seen yet. */
    PROVISIONED,
    STAGING, STARTING, RUNNING, KILLING, UNREACHABLE,
    FINISHED, FAILED, KILLED, ERROR, LOST, DROPPED, GONE, GONE_BY_OPERATOR, UNKNOWN;

    /** The condition of a Mesos task state. */
    public static Condition of(TaskState state) {
        return valueOf(state.name().substring("TASK_".length()));
    }

    /** Whether no further update can follow. */
    public boolean isTerminal() {
        return switch (this) {
            // TASK_UNKNOWN (partition-aware reconciliation of a task the master never heard of) ends the instance,
            // as Marathon's Condition.Unknown does, so a launch lost before it reached the master is replaced
            case FINISHED, FAILED, KILLED, ERROR, LOST, DROPPED, GONE, GONE_BY_OPERATOR, UNKNOWN -> true;
            case PROVISIONED, STAGING, STARTING, RUNNING, KILLING, UNREACHABLE -> false;
        };
    }

    /** Whether the instance ended in a failure that counts for the launch backoff. */
    public boolean isFailure() {
        return this == FAILED || this == ERROR || this == LOST || this == DROPPED || this == GONE || this == UNKNOWN;
    }

    /** The Mesos name as Marathon shows it ({@code TASK_RUNNING}); provisioned shows as {@code TASK_STAGING}. */
    public String mesosName() {
        return this == PROVISIONED ? "TASK_STAGING" : "TASK_" + name();
    }
}
