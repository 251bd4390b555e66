package io.strata.core.resources;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The immutable attributes of one agent, in declaration order, with lookup by name.
 *
 * <p>Names are unique: a later attribute with an existing name is rejected, so {@code rack} has exactly one value.
 */
public final class Attributes implements Iterable<Attribute> {

    /** No attributes. */
    public static final Attributes EMPTY = new Attributes(List.of());

    private final Map<String, Attribute> byName;

    private Attributes(List<Attribute> attributes) {
        Map<String, Attribute> map = new LinkedHashMap<>();
        for (Attribute attribute : attributes) {
            if (map.putIfAbsent(attribute.name(), attribute) != null) {
                throw InvalidResourcesException.forAttribute(attribute.name(), "is given twice");
            }
        }
        this.byName = map;
    }

    /** Returns the attributes, rejecting duplicate names. */
    public static Attributes of(List<Attribute> attributes) {
        return attributes.isEmpty() ? EMPTY : new Attributes(new ArrayList<>(attributes));
    }

    /** Returns the attributes, rejecting duplicate names. */
    public static Attributes of(Attribute... attributes) {
        return of(List.of(attributes));
    }

    /** Returns the attribute called {@code name}. */
    public Optional<Attribute> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Returns the text form of attribute {@code name}'s value, or null when the agent lacks it. */
    public String valueText(String name) {
        Attribute attribute = byName.get(name);
        return attribute == null ? null : attribute.valueText();
    }

    /** Returns the number of attributes. */
    public int size() {
        return byName.size();
    }

    /** Returns true if there are none. */
    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** Returns the attributes in declaration order. */
    public List<Attribute> asList() {
        return List.copyOf(byName.values());
    }

    @Override
    public Iterator<Attribute> iterator() {
        return asList().iterator();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attributes that && asList().equals(that.asList());
    }

    @Override
    public int hashCode() {
        return asList().hashCode();
    }

    /** Returns the text form {@code rack:r1;level:10}. */
    @Override
    public String toString() {
        return byName.values().stream().map(Attribute::toString).collect(Collectors.joining(";"));
    }
}
