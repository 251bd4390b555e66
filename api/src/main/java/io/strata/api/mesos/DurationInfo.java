package io.strata.api.mesos;

/** A duration in nanoseconds. */
public record DurationInfo(long nanoseconds) {
}
