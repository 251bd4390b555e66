package io.strata.core.resources;

import java.util.Objects;

/**
 * Thrown when a resource or attribute is invalid: a bad text form, a negative scalar, a fractional GPU count,
 * an illegal role name.
 *
 * <p>It is an {@link IllegalArgumentException}, so code constructing values from trusted input treats it as a
 * programming error, while the HTTP edge catches this type and answers 400 with {@link #getMessage()}, e.g.
 * {@code resource 'cpus': value -1 is negative}.
 */
public final class InvalidResourcesException extends IllegalArgumentException {

    private final String kind;
    private final String field;
    private final String reason;

    /**
     * Creates an exception about one resource.
     *
     * @param field the offending resource name (or the raw text when no name could be read)
     * @param reason what is wrong, in lower case without a trailing period
     */
    public InvalidResourcesException(String field, String reason) {
        this("resource", field, reason);
    }

    private InvalidResourcesException(String kind, String field, String reason) {
        super(kind + " '" + field + "': " + reason);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = Objects.requireNonNull(field, "field");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Creates an exception about one agent attribute, with the message {@code attribute '<name>': <reason>}. */
    public static InvalidResourcesException forAttribute(String field, String reason) {
        return new InvalidResourcesException("attribute", field, reason);
    }

    /** Returns "resource" or "attribute". */
    public String kind() {
        return kind;
    }

    /** Returns the offending resource or attribute name. */
    public String field() {
        return field;
    }

    /** Returns the reason, without the field prefix. */
    public String reason() {
        return reason;
    }
}
