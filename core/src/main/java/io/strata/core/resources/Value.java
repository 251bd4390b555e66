package io.strata.core.resources;

/**
 * A Mesos value: {@link Scalar}, {@link Ranges}, {@link ValueSet} or {@link Text}.
 *
 * <p>{@link Text} exists for agent attributes only; {@link Resource} rejects it. Keeping one sealed type for both
 * lets attribute constraints and resource arithmetic share parsing and formatting. Every value is immutable.
 */
public sealed interface Value permits Scalar, Ranges, ValueSet, Text {

    /** Returns the Mesos type name: {@code SCALAR}, {@code RANGES}, {@code SET} or {@code TEXT}. */
    String type();

    /** Returns true for a zero scalar, an empty range list or an empty set; text is never empty. */
    boolean isEmpty();

    /** Returns the Mesos text form, e.g. {@code 1.5}, {@code [31000-32000,33000-34000]}, {@code {a,b}}. */
    String text();
}
