package io.strata.api.mesos;

/** An agent attribute: name, type and one value (text, scalar, ranges or set). */
public record Attribute(String name, Value.Type type, Value.Scalar scalar, Value.Ranges ranges, Value.Set set,
                        Value.Text text) {
}
