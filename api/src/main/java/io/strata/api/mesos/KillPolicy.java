package io.strata.api.mesos;

/** How long a task may take to stop after SIGTERM before it is killed. */
public record KillPolicy(DurationInfo gracePeriod) {
}
