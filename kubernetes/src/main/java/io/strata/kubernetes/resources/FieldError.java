package io.strata.kubernetes.resources;

import java.util.Objects;

/**
 * One validation failure of a field, as upstream's {@code field.Error}: a cause reason ({@code FieldValueInvalid},
 * {@code FieldValueRequired}, ...), the field path ({@code metadata.name}) and the detail after the type's words.
 */
public record FieldError(String reason, String field, String message) {

    /** Checks that all parts are present. */
    public FieldError {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** {@code Required value} with an optional detail. */
    public static FieldError required(String field, String detail) {
        return new FieldError("FieldValueRequired", field, detail.isEmpty() ? "Required value" : "Required value: " + detail);
    }

    /** {@code Invalid value: "x": detail}. */
    public static FieldError invalid(String field, Object value, String detail) {
        String shown = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return new FieldError("FieldValueInvalid", field, "Invalid value: " + shown + ": " + detail);
    }

    /** {@code Forbidden: detail}. */
    public static FieldError forbidden(String field, String detail) {
        return new FieldError("FieldValueForbidden", field, "Forbidden: " + detail);
    }

    /** {@code Unsupported value: "x": supported values: ...}. */
    public static FieldError notSupported(String field, Object value, String... supported) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < supported.length; i++) {
            s.append(i == 0 ? "" : ", ").append('"').append(supported[i]).append('"');
        }
        String shown = value instanceof String v ? "\"" + v + "\"" : String.valueOf(value);
        return new FieldError("FieldValueNotSupported", field, "Unsupported value: " + shown + ": supported values: " + s);
    }

    /** The error as upstream prints it: {@code field: message}. */
    public String text() {
        return field + ": " + message;
    }
}
