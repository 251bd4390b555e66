package io.strata.core.resources;

/**
 * One inclusive range {@code [begin, end]} of non-negative longs, e.g. the ports {@code 31000-32000}.
 *
 * @param begin the first value, at least 0
 * @param end the last value, at least {@code begin}
 */
public record Range(long begin, long end) implements Comparable<Range> {

    /** Validates {@code 0 <= begin <= end}. */
    public Range {
        if (begin < 0) {
            throw new IllegalArgumentException("range begin " + begin + " is negative");
        }
        if (end < begin) {
            throw new IllegalArgumentException("range " + begin + "-" + end + " ends before it begins");
        }
    }

    /** Returns the number of values in the range: {@code [31000-31009]} has 10. */
    public long size() {
        return end - begin + 1;
    }

    @Override
    public int compareTo(Range other) {
        int byBegin = Long.compare(begin, other.begin);
        return byBegin != 0 ? byBegin : Long.compare(end, other.end);
    }

    /** Returns {@code begin-end}. */
    @Override
    public String toString() {
        return begin + "-" + end;
    }
}
