package io.strata.api.mesos;

/** Executor identifier; for command tasks the executor id equals the task id. */
public record ExecutorId(String value) {
}
