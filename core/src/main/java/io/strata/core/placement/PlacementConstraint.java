package io.strata.core.placement;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Marathon placement constraint {@code [field, OPERATOR, value?]}, e.g. {@code ["hostname","UNIQUE"]} or
 * {@code ["rack","GROUP_BY","3"]}.
 *
 * <p>{@code field} is {@code hostname} (also written {@code @hostname}) or an agent attribute name. The compact
 * constructor checks the value each operator needs: LIKE and UNLIKE take a valid regular expression, MAX_PER a
 * positive count, IS any text, GROUP_BY an optional non-negative count, UNIQUE nothing, CLUSTER an optional value.
 * Semantics are implemented by {@link ConstraintFilter}.
 *
 * @param field {@code hostname} or an attribute name
 * @param operator the operator
 * @param value the operand, or null when the operator takes none
 */
public record PlacementConstraint(String field, Operator operator, String value) {

    /** Marathon constraint operators (proto enum order). */
    public enum Operator {
        /** No two instances share a value of the field. */
        UNIQUE,
        /** The value must fully match a regular expression. */
        LIKE,
        /** All instances on one value; with an operand, only on that value. */
        CLUSTER,
        /** Spread evenly over the distinct values; optional operand = expected number of values. */
        GROUP_BY,
        /** The value must not match a regular expression; agents without the field pass. */
        UNLIKE,
        /** At most N instances per distinct value. */
        MAX_PER,
        /** Exact match; numbers are compared to three decimals. */
        IS
    }

    /** Validates the field and the operand. */
    public PlacementConstraint {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("constraint field is blank");
        }
        Objects.requireNonNull(operator, "operator");
        if (value != null && value.isEmpty()) {
            value = null;
        }
        validateOperand(field, operator, value);
    }

    private static void validateOperand(String field, Operator operator, String value) {
        String where = "constraint " + field + ":" + operator;
        switch (operator) {
            case UNIQUE -> {
                if (value != null) {
                    throw new IllegalArgumentException(where + " takes no value");
                }
            }
            case LIKE, UNLIKE -> {
                requireValue(where, value);
                try {
                    Pattern.compile(value);
                } catch (PatternSyntaxException invalid) {
                    throw new IllegalArgumentException(where + " has an invalid regular expression: " + value);
                }
            }
            case MAX_PER -> {
                requireValue(where, value);
                if (count(where, value) < 1) {
                    throw new IllegalArgumentException(where + " needs a positive count");
                }
            }
            case GROUP_BY -> {
                if (value != null) {
                    count(where, value);
                }
            }
            case IS -> requireValue(where, value);
            case CLUSTER -> { }
        }
    }

    private static void requireValue(String where, String value) {
        if (value == null) {
            throw new IllegalArgumentException(where + " needs a value");
        }
    }

    private static int count(String where, String value) {
        try {
            int count = Integer.parseInt(value.trim());
            if (count < 0) {
                throw new IllegalArgumentException(where + " needs a non-negative count, not " + value);
            }
            return count;
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(where + " needs a count, not '" + value + "'");
        }
    }

    /** Returns a constraint without operand. */
    public static PlacementConstraint of(String field, Operator operator) {
        return new PlacementConstraint(field, operator, null);
    }

    /** Returns the constraint from Marathon's array form {@code [field, OPERATOR, value?]}. */
    public static PlacementConstraint of(List<String> triple) {
        if (triple.size() < 2 || triple.size() > 3) {
            throw new IllegalArgumentException("a constraint is [field, OPERATOR, value?], got " + triple);
        }
        Operator operator;
        try {
            operator = Operator.valueOf(triple.get(1).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("unknown constraint operator '" + triple.get(1) + "'");
        }
        return new PlacementConstraint(triple.get(0).trim(), operator, triple.size() == 3 ? triple.get(2) : null);
    }

    /** Parses {@code field:OPERATOR[:value]}, e.g. {@code rack:GROUP_BY:3}. */
    public static PlacementConstraint parse(String text) {
        return of(List.of(text.split(":", 3)));
    }

    /** Returns true if the field is the agent's hostname rather than an attribute. */
    public boolean isHostnameField() {
        return isHostname(field);
    }

    static boolean isHostname(String field) {
        return field.equals("hostname") || field.equals("@hostname");
    }

    /** Returns the operand as a count (MAX_PER, GROUP_BY); 0 when absent. */
    public int countValue() {
        return value == null ? 0 : Integer.parseInt(value.trim());
    }

    /** Returns {@code field:OPERATOR} or {@code field:OPERATOR:value}. */
    @Override
    public String toString() {
        return value == null ? field + ":" + operator : field + ":" + operator + ":" + value;
    }
}
