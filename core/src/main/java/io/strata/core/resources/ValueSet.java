package io.strata.core.resources;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A set of strings, e.g. {@code bugs:{a,b,c}}. Items are kept sorted so the text form is stable.
 *
 * <p>Arithmetic: {@code {a,b} + {b,c} = {a,b,c}}, {@code {a,b,c} - {b} = {a,c}}, and {@code {a,b}} contains
 * {@code {a}}.
 *
 * @param items the members; blank members are rejected
 */
public record ValueSet(SortedSet<String> items) implements Value {

    /** The empty set. */
    public static final ValueSet EMPTY = new ValueSet(Collections.emptySortedSet());

    /** Copies and validates the items. */
    public ValueSet {
        Objects.requireNonNull(items, "items");
        TreeSet<String> copy = new TreeSet<>();
        for (String item : items) {
            if (item == null || item.isBlank()) {
                throw new IllegalArgumentException("set item is blank");
            }
            copy.add(item);
        }
        items = Collections.unmodifiableSortedSet(copy);
    }

    /** Returns a set of the given items. */
    public static ValueSet of(String... items) {
        return new ValueSet(new TreeSet<>(java.util.List.of(items)));
    }

    /** Returns a set of the given items. */
    public static ValueSet of(Collection<String> items) {
        return new ValueSet(new TreeSet<>(items));
    }

    /** Returns the union. */
    public ValueSet plus(ValueSet other) {
        TreeSet<String> union = new TreeSet<>(items);
        union.addAll(other.items);
        return new ValueSet(union);
    }

    /** Returns the members of this set that are not in {@code other}. */
    public ValueSet minus(ValueSet other) {
        TreeSet<String> difference = new TreeSet<>(items);
        difference.removeAll(other.items);
        return new ValueSet(difference);
    }

    /** Returns true if every member of {@code other} is in this set. */
    public boolean contains(ValueSet other) {
        return items.containsAll(other.items);
    }

    @Override
    public String type() {
        return "SET";
    }

    @Override
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Returns {@code {a,b,c}}. */
    @Override
    public String text() {
        return "{" + String.join(",", items) + "}";
    }

    @Override
    public String toString() {
        return text();
    }
}
