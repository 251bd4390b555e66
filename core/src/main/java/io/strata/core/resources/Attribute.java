package io.strata.core.resources;

import java.util.Objects;

/**
 * One agent attribute, e.g. {@code rack:r1} (text), {@code level:10} (scalar) or {@code keys:[1000-1500]}
 * (ranges).
 *
 * <p>Attributes reuse {@link Value}: the {@link Text} variant exists for them. Sets are rejected, as Mesos does.
 * Mesos does not interpret attributes; placement constraints compare their {@link #valueText()}.
 *
 * @param name the attribute name, non-blank
 * @param value a {@link Text}, {@link Scalar} or {@link Ranges}
 */
public record Attribute(String name, Value value) {

    /** Validates the name and the value type. */
    public Attribute {
        if (name == null || name.isBlank()) {
            throw InvalidResourcesException.forAttribute(String.valueOf(name), "name is blank");
        }
        Objects.requireNonNull(value, "value");
        switch (value) {
            case Text ignored -> { }
            case Scalar ignored -> { }
            case Ranges ignored -> { }
            case ValueSet ignored -> throw InvalidResourcesException.forAttribute(name, "set values are not supported");
        }
    }

    /** Returns a text attribute. */
    public static Attribute text(String name, String value) {
        return new Attribute(name, new Text(value));
    }

    /** Returns the value in text form, as constraints compare it: {@code r1}, {@code 10}, {@code [1000-1500]}. */
    public String valueText() {
        return value.text();
    }

    /** Returns {@code name:value}. */
    @Override
    public String toString() {
        return name + ":" + value.text();
    }
}
