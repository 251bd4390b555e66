package io.strata.core.resources;

import java.util.Objects;

/**
 * A text value, used by agent attributes only ({@code rack:r1}).
 *
 * @param value the text, non-blank
 */
public record Text(String value) implements Value {

    /** Validates the text is non-blank. */
    public Text {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("text value is blank");
        }
    }

    @Override
    public String type() {
        return "TEXT";
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public String text() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
