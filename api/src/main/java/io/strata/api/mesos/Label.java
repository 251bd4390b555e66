package io.strata.api.mesos;

/** A key/value label. */
public record Label(String key, String value) {
}
