package io.strata.api.mesos;

/** Framework identifier, {@code {"value": "..."}} on the wire. */
public record FrameworkId(String value) {
}
