package io.strata.core.resources;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An immutable bag of resources; resources with the same name and role merge.
 *
 * <p>Representation: a small array of {@link Resource} sorted by (name, role), one entry per key, never an empty
 * value. Agents carry four or five entries, so linear merges beat hashing and allocate little; every operation
 * is O(n + m). Equality is by content.
 *
 * <p>Worked example, an agent {@code cpus:8;mem:4096;ports:[31000-32000]} with one offer of
 * {@code cpus:2;mem:1024;ports:[31000-31000]}:
 * <pre>
 *   agent.minus(offer)            = cpus:6;mem:3072;ports:[31001-32000]
 *   agent.contains(offer)         = true
 *   offer.contains(agent)         = false
 *   agent.minus(offer).plus(offer) equals agent
 * </pre>
 * Subtraction saturates the way Mesos does: a value that would become negative or empty is dropped, so
 * {@code cpus:1 - cpus:2} is empty. Reserved and unreserved resources are distinct: {@code cpus(ads):2} does not
 * contain {@code cpus:1}. Mixing value types under one name ({@code x:1} plus {@code x:[1-2]}) throws
 * {@link InvalidResourcesException}.
 */
public final class Resources implements Iterable<Resource> {

    /** The empty bag. */
    public static final Resources EMPTY = new Resources(new Resource[0]);

    private static final String[] ALWAYS_IN_FLAT_MAP = {Resource.CPUS, Resource.GPUS, Resource.MEM, Resource.DISK};

    private final Resource[] entries;
    private int hash;

    private Resources(Resource[] entries) {
        this.entries = entries;
    }

    /** Returns the bag of the given resources, merging equal (name, role) keys. */
    public static Resources of(Resource... resources) {
        return of(Arrays.asList(resources));
    }

    /** Returns the bag of the given resources, merging equal (name, role) keys. */
    public static Resources of(Collection<Resource> resources) {
        Resource[] sorted = resources.toArray(new Resource[0]);
        Arrays.sort(sorted, Resources::compareKeys);
        List<Resource> merged = new ArrayList<>(sorted.length);
        for (Resource resource : sorted) {
            Resource last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && compareKeys(last, resource) == 0) {
                merged.set(merged.size() - 1, last.withValue(add(last.name(), last.value(), resource.value())));
            } else {
                merged.add(resource);
            }
        }
        merged.removeIf(resource -> resource.value().isEmpty());
        return merged.isEmpty() ? EMPTY : new Resources(merged.toArray(new Resource[0]));
    }

    /** Parses the Mesos text form with default role {@code *}; see {@link ResourceParser#parse(String, String)}. */
    public static Resources parse(String text) {
        return ResourceParser.parse(text, Resource.UNRESERVED);
    }

    private static int compareKeys(Resource a, Resource b) {
        int byName = a.name().compareTo(b.name());
        return byName != 0 ? byName : a.role().compareTo(b.role());
    }

    /** Returns the sum: {@code cpus:1;mem:10 + cpus:0.5;disk:5 = cpus:1.5;disk:5;mem:10}. */
    public Resources plus(Resources other) {
        if (other.entries.length == 0) {
            return this;
        }
        if (entries.length == 0) {
            return other;
        }
        Resource[] result = new Resource[entries.length + other.entries.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < entries.length && j < other.entries.length) {
            Resource a = entries[i];
            Resource b = other.entries[j];
            int order = compareKeys(a, b);
            if (order < 0) {
                result[n++] = a;
                i++;
            } else if (order > 0) {
                result[n++] = b;
                j++;
            } else {
                result[n++] = a.withValue(add(a.name(), a.value(), b.value()));
                i++;
                j++;
            }
        }
        while (i < entries.length) {
            result[n++] = entries[i++];
        }
        while (j < other.entries.length) {
            result[n++] = other.entries[j++];
        }
        return new Resources(n == result.length ? result : Arrays.copyOf(result, n));
    }

    /**
     * Returns this minus {@code other}, dropping values that become empty or negative:
     * {@code cpus:2;mem:10 - cpus:0.5 = cpus:1.5;mem:10}; {@code ports:[1-10] - ports:[5-5] = ports:[1-4,6-10]}.
     */
    public Resources minus(Resources other) {
        if (other.entries.length == 0 || entries.length == 0) {
            return this;
        }
        Resource[] result = new Resource[entries.length];
        int j = 0;
        int n = 0;
        for (Resource a : entries) {
            while (j < other.entries.length && compareKeys(other.entries[j], a) < 0) {
                j++;
            }
            if (j < other.entries.length && compareKeys(other.entries[j], a) == 0) {
                Value left = subtract(a.name(), a.value(), other.entries[j].value());
                if (left != null) {
                    result[n++] = a.withValue(left);
                }
            } else {
                result[n++] = a;
            }
        }
        return n == 0 ? EMPTY : new Resources(n == result.length ? result : Arrays.copyOf(result, n));
    }

    /**
     * Returns true if {@code other} fits in this bag, key by key: {@code cpus:2;mem:10} contains {@code cpus:1.5},
     * but not {@code cpus(ads):1} nor {@code disk:1}. The empty bag fits everywhere.
     */
    public boolean contains(Resources other) {
        int i = 0;
        for (Resource wanted : other.entries) {
            while (i < entries.length && compareKeys(entries[i], wanted) < 0) {
                i++;
            }
            if (i == entries.length || compareKeys(entries[i], wanted) != 0) {
                return false;
            }
            if (!containsValue(wanted.name(), entries[i].value(), wanted.value())) {
                return false;
            }
        }
        return true;
    }

    /** Returns true if the bag holds nothing. */
    public boolean isEmpty() {
        return entries.length == 0;
    }

    /** Returns the number of (name, role) entries. */
    public int size() {
        return entries.length;
    }

    /** Returns the scalar total of {@code name} across all roles, zero when absent. */
    public Scalar scalar(String name) {
        return new Scalar(thousandths(name, null));
    }

    /** Returns the scalar total of {@code name} over the given roles only, zero when absent. */
    public Scalar scalar(String name, Set<String> roles) {
        return new Scalar(thousandths(name, roles));
    }

    /** Returns the scalar total of {@code name} in thousandths, across all roles or only {@code roles}. */
    long thousandths(String name, Set<String> roles) {
        long sum = 0;
        for (Resource resource : entries) {
            if (resource.name().equals(name) && resource.value() instanceof Scalar scalar
                    && (roles == null || roles.contains(resource.role()))) {
                sum += scalar.thousandths();
            }
        }
        return sum;
    }

    /** Returns the union of {@code ports} across all roles. */
    public Ranges ports() {
        return ranges(Resource.PORTS, null);
    }

    /** Returns the union of ranges named {@code name} over {@code roles} (all roles when null). */
    public Ranges ranges(String name, Set<String> roles) {
        Ranges union = Ranges.EMPTY;
        for (Resource resource : entries) {
            if (resource.name().equals(name) && resource.value() instanceof Ranges ranges
                    && (roles == null || roles.contains(resource.role()))) {
                union = union.plus(ranges);
            }
        }
        return union;
    }

    /** Returns the value stored under exactly (name, role). */
    public Optional<Value> get(String name, String role) {
        for (Resource resource : entries) {
            if (resource.name().equals(name) && resource.role().equals(role)) {
                return Optional.of(resource.value());
            }
        }
        return Optional.empty();
    }

    /** Returns the resources reserved for {@code role} (role {@code *} gives the unreserved ones). */
    public Resources reservedTo(String role) {
        return filter(resource -> resource.role().equals(role));
    }

    /** Returns the unreserved resources (role {@code *}). */
    public Resources unreserved() {
        return reservedTo(Resource.UNRESERVED);
    }

    /** Returns the resources reserved for any role other than {@code *}. */
    public Resources reserved() {
        return filter(resource -> !resource.isUnreserved());
    }

    /**
     * Returns what a framework of {@code role} may be offered: the unreserved resources plus those reserved for
     * that role. {@code cpus:4;cpus(ads):2;cpus(web):1} allocatable to {@code ads} is {@code cpus:4;cpus(ads):2}.
     */
    public Resources allocatableTo(String role) {
        for (Resource resource : entries) {
            if (!resource.isUnreserved() && !resource.role().equals(role)) {
                return filter(r -> r.isUnreserved() || r.role().equals(role));
            }
        }
        return this;
    }

    /** Returns the resources whose role is in {@code roles}. */
    public Resources withRoles(Collection<String> roles) {
        return filter(resource -> roles.contains(resource.role()));
    }

    /** Returns every resource relabelled to {@code role}, merged: {@code cpus:1;cpus(a):2} to b is {@code cpus(b):3}. */
    public Resources toRole(String role) {
        List<Resource> relabelled = new ArrayList<>(entries.length);
        for (Resource resource : entries) {
            relabelled.add(new Resource(resource.name(), role, resource.value()));
        }
        return of(relabelled);
    }

    /** Returns the resources matching {@code predicate}. */
    public Resources filter(Predicate<Resource> predicate) {
        Resource[] kept = new Resource[entries.length];
        int n = 0;
        for (Resource resource : entries) {
            if (predicate.test(resource)) {
                kept[n++] = resource;
            }
        }
        if (n == entries.length) {
            return this;
        }
        return n == 0 ? EMPTY : new Resources(Arrays.copyOf(kept, n));
    }

    /** Returns the distinct resource names, sorted. */
    public SortedSet<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (Resource resource : entries) {
            names.add(resource.name());
        }
        return Collections.unmodifiableSortedSet(names);
    }

    /** Returns the distinct roles, sorted. */
    public SortedSet<String> roles() {
        TreeSet<String> roles = new TreeSet<>();
        for (Resource resource : entries) {
            roles.add(resource.role());
        }
        return Collections.unmodifiableSortedSet(roles);
    }

    /** Returns the entries sorted by (name, role). */
    public Stream<Resource> stream() {
        return Arrays.stream(entries);
    }

    /** Returns the entries sorted by (name, role) as an unmodifiable list. */
    public List<Resource> asList() {
        return Collections.unmodifiableList(Arrays.asList(entries));
    }

    @Override
    public Iterator<Resource> iterator() {
        return asList().iterator();
    }

    /**
     * Returns the flat map of the Mesos master state JSON, summed across roles: {@code cpus}, {@code gpus},
     * {@code mem} and {@code disk} always present as numbers (0 when absent), other scalars as numbers, ranges as
     * {@code "[31000-32000, 33000-34000]"} and sets as {@code "{a, b}"}. Keys are in that order, then by name.
     */
    public Map<String, Object> flatMap() {
        Map<String, Object> flat = new LinkedHashMap<>();
        for (String name : ALWAYS_IN_FLAT_MAP) {
            flat.put(name, scalar(name).asDouble());
        }
        for (String name : names()) {
            if (flat.containsKey(name)) {
                continue;
            }
            Value merged = null;
            for (Resource resource : entries) {
                if (resource.name().equals(name)) {
                    merged = merged == null ? resource.value() : add(name, merged, resource.value());
                }
            }
            flat.put(name, stateForm(merged));
        }
        return flat;
    }

    private static Object stateForm(Value value) {
        return switch (value) {
            case Scalar scalar -> scalar.asDouble();
            case Ranges ranges -> ranges.stateText();
            case ValueSet set -> "{" + String.join(", ", set.items()) + "}";
            case Text text -> text.value();
        };
    }

    private static Value add(String name, Value a, Value b) {
        return switch (a) {
            case Scalar x when b instanceof Scalar y -> x.plus(y);
            case Ranges x when b instanceof Ranges y -> x.plus(y);
            case ValueSet x when b instanceof ValueSet y -> x.plus(y);
            case Scalar x -> throw mismatch(name, a, b);
            case Ranges x -> throw mismatch(name, a, b);
            case ValueSet x -> throw mismatch(name, a, b);
            case Text x -> throw mismatch(name, a, b);
        };
    }

    /** Returns a minus b, or null if nothing (or less than nothing) is left. */
    private static Value subtract(String name, Value a, Value b) {
        Value left = switch (a) {
            case Scalar x when b instanceof Scalar y -> x.minus(y);
            case Ranges x when b instanceof Ranges y -> x.minus(y);
            case ValueSet x when b instanceof ValueSet y -> x.minus(y);
            case Scalar x -> throw mismatch(name, a, b);
            case Ranges x -> throw mismatch(name, a, b);
            case ValueSet x -> throw mismatch(name, a, b);
            case Text x -> throw mismatch(name, a, b);
        };
        boolean nothingLeft = left.isEmpty() || (left instanceof Scalar scalar && scalar.isNegative());
        return nothingLeft ? null : left;
    }

    private static boolean containsValue(String name, Value have, Value wanted) {
        return switch (have) {
            case Scalar x when wanted instanceof Scalar y -> x.compareTo(y) >= 0;
            case Ranges x when wanted instanceof Ranges y -> x.contains(y);
            case ValueSet x when wanted instanceof ValueSet y -> x.contains(y);
            case Scalar x -> throw mismatch(name, have, wanted);
            case Ranges x -> throw mismatch(name, have, wanted);
            case ValueSet x -> throw mismatch(name, have, wanted);
            case Text x -> throw mismatch(name, have, wanted);
        };
    }

    private static InvalidResourcesException mismatch(String name, Value a, Value b) {
        return new InvalidResourcesException(name, "has both " + a.type() + " and " + b.type() + " values");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Resources that && Arrays.equals(entries, that.entries);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(entries);
            hash = h;
        }
        return h;
    }

    /** Returns the Mesos text form, see {@link ResourceParser#format(Resources)}. */
    @Override
    public String toString() {
        return ResourceParser.format(this);
    }
}
