package io.strata.jobs.model;

/** A job definition that cannot be accepted; the message names the field and the reason. */
public final class InvalidJobException extends RuntimeException {
    private final String field;

    /** A problem with {@code field}. */
    public InvalidJobException(String field, String reason) {
        super(field + ": " + reason, null, false, false);
        this.field = field;
    }

    /** The offending field, as named in Chronos' JSON. */
    public String field() {
        return field;
    }
}
