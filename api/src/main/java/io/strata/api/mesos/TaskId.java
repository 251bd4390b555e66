package io.strata.api.mesos;

/** Task identifier, unique within its framework. */
public record TaskId(String value) {
}
