package io.strata.api.mesos;

import java.util.List;

/** The typed values of resources and attributes. */
public final class Value {
    private Value() {
    }

    /** Value types of {@code mesos.proto}. */
    public enum Type { SCALAR, RANGES, SET, TEXT }

    /** A scalar; Mesos keeps three decimal digits. */
    public record Scalar(double value) {
    }

    /** An inclusive range of unsigned integers. */
    public record Range(long begin, long end) {
    }

    /** A list of ranges: {@code {"range": [{"begin": 1, "end": 2}]}}. */
    public record Ranges(List<Range> range) {
    }

    /** A set of strings: {@code {"item": ["a", "b"]}}. */
    public record Set(List<String> item) {
    }

    /** A text value (attributes only). */
    public record Text(String value) {
    }
}
