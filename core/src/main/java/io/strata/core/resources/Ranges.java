package io.strata.core.resources;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A sorted, coalesced list of inclusive ranges, e.g. {@code [21000-24000,30000-34000]}.
 *
 * <p>The constructor sorts and merges overlapping or adjacent ranges, so equal sets of values have equal lists:
 * {@code [1-2,3-5,4-9]} becomes {@code [1-9]}. Worked examples of the arithmetic:
 * <pre>
 *   [31000-32000] - [31500-31500]      = [31000-31499,31501-32000]   (subtraction splits)
 *   [1-5] + [6-8,20-21]                = [1-8,20-21]                 (adjacent ranges coalesce)
 *   [31000-32000] contains [31000-31010] = true; contains [31990-32010] = false
 * </pre>
 *
 * @param ranges the ranges, normalised as described
 */
public record Ranges(List<Range> ranges) implements Value {

    /** The empty range list. */
    public static final Ranges EMPTY = new Ranges(List.of());

    /** Sorts and coalesces the ranges. */
    public Ranges {
        Objects.requireNonNull(ranges, "ranges");
        ranges = normalise(ranges);
    }

    /** Returns the ranges given as begin/end pairs: {@code of(1, 5, 10, 12)} is {@code [1-5,10-12]}. */
    public static Ranges of(long... bounds) {
        if (bounds.length % 2 != 0) {
            throw new IllegalArgumentException("ranges need begin/end pairs");
        }
        List<Range> list = new ArrayList<>(bounds.length / 2);
        for (int i = 0; i < bounds.length; i += 2) {
            list.add(new Range(bounds[i], bounds[i + 1]));
        }
        return new Ranges(list);
    }

    /** Returns ranges holding exactly the given values, coalesced. */
    public static Ranges ofValues(Collection<Long> values) {
        List<Range> list = new ArrayList<>(values.size());
        for (long value : values) {
            list.add(new Range(value, value));
        }
        return new Ranges(list);
    }

    private static List<Range> normalise(List<Range> input) {
        if (input.isEmpty()) {
            return List.of();
        }
        if (input.size() == 1) {
            return List.of(input.getFirst());
        }
        List<Range> sorted = new ArrayList<>(input);
        sorted.sort(null);
        List<Range> merged = new ArrayList<>(sorted.size());
        Range current = sorted.getFirst();
        for (int i = 1; i < sorted.size(); i++) {
            Range next = sorted.get(i);
            // end + 1 would overflow only at Long.MAX_VALUE, where nothing can follow anyway
            if (current.end() == Long.MAX_VALUE || next.begin() <= current.end() + 1) {
                current = new Range(current.begin(), Math.max(current.end(), next.end()));
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return List.copyOf(merged);
    }

    /** Returns the union of both range lists. */
    public Ranges plus(Ranges other) {
        if (other.ranges.isEmpty()) {
            return this;
        }
        if (ranges.isEmpty()) {
            return other;
        }
        List<Range> all = new ArrayList<>(ranges.size() + other.ranges.size());
        all.addAll(ranges);
        all.addAll(other.ranges);
        return new Ranges(all);
    }

    /** Returns the values of this list that are not in {@code other}, splitting ranges where needed. */
    public Ranges minus(Ranges other) {
        if (other.ranges.isEmpty() || ranges.isEmpty()) {
            return this;
        }
        List<Range> result = new ArrayList<>(ranges.size() + 1);
        int j = 0;
        for (Range range : ranges) {
            long begin = range.begin();
            long end = range.end();
            while (j < other.ranges.size() && other.ranges.get(j).end() < begin) {
                j++;
            }
            int k = j;
            while (begin <= end && k < other.ranges.size() && other.ranges.get(k).begin() <= end) {
                Range cut = other.ranges.get(k);
                if (cut.begin() > begin) {
                    result.add(new Range(begin, cut.begin() - 1));
                }
                if (cut.end() >= end) {
                    begin = end + 1;
                    break;
                }
                begin = Math.max(begin, cut.end() + 1);
                k++;
            }
            if (begin <= end) {
                result.add(new Range(begin, end));
            }
        }
        return new Ranges(result);
    }

    /** Returns the values present in both lists: {@code [1-10] & [5-20] = [5-10]}. */
    public Ranges intersect(Ranges other) {
        List<Range> result = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < ranges.size() && j < other.ranges.size()) {
            Range a = ranges.get(i);
            Range b = other.ranges.get(j);
            long begin = Math.max(a.begin(), b.begin());
            long end = Math.min(a.end(), b.end());
            if (begin <= end) {
                result.add(new Range(begin, end));
            }
            if (a.end() < b.end()) {
                i++;
            } else {
                j++;
            }
        }
        return new Ranges(result);
    }

    /** Returns true if every value of {@code other} is in this list. */
    public boolean contains(Ranges other) {
        int i = 0;
        for (Range wanted : other.ranges) {
            while (i < ranges.size() && ranges.get(i).end() < wanted.begin()) {
                i++;
            }
            if (i == ranges.size()) {
                return false;
            }
            Range have = ranges.get(i);
            if (have.begin() > wanted.begin() || have.end() < wanted.end()) {
                return false;
            }
        }
        return true;
    }

    /** Returns true if {@code value} lies in one of the ranges. */
    public boolean contains(long value) {
        for (Range range : ranges) {
            if (value < range.begin()) {
                return false;
            }
            if (value <= range.end()) {
                return true;
            }
        }
        return false;
    }

    /** Returns the number of values covered: {@code [1-5,10-10]} covers 6. */
    public long size() {
        long size = 0;
        for (Range range : ranges) {
            size += range.size();
        }
        return size;
    }

    /**
     * Returns the {@code count} lowest values, e.g. two ports out of {@code [31000-32000]} are 31000 and 31001.
     *
     * @throws IllegalArgumentException if fewer than {@code count} values are covered
     */
    public List<Long> lowest(int count) {
        List<Long> values = new ArrayList<>(count);
        for (Range range : ranges) {
            for (long value = range.begin(); value <= range.end() && values.size() < count; value++) {
                values.add(value);
            }
            if (values.size() == count) {
                return values;
            }
        }
        if (values.size() < count) {
            throw new IllegalArgumentException("only " + values.size() + " values in " + text() + ", wanted " + count);
        }
        return values;
    }

    @Override
    public String type() {
        return "RANGES";
    }

    @Override
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Returns the Mesos text form {@code [31000-32000,33000-34000]}. */
    @Override
    public String text() {
        return format(",");
    }

    /** Returns the master state JSON form, with a space after each comma: {@code [31000-32000, 33000-34000]}. */
    public String stateText() {
        return format(", ");
    }

    private String format(String separator) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < ranges.size(); i++) {
            if (i > 0) {
                text.append(separator);
            }
            text.append(ranges.get(i));
        }
        return text.append(']').toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
