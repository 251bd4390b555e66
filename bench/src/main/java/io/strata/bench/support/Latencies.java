package io.strata.bench.support;

import java.util.Arrays;

/** Percentiles of a set of durations in milliseconds (nearest-rank). */
public record Latencies(double[] sortedMillis) {
    public Latencies {
        sortedMillis = sortedMillis.clone();
        Arrays.sort(sortedMillis);
    }

    /** From nanosecond durations. */
    public static Latencies ofNanos(long[] nanos) {
        return new Latencies(Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray());
    }

    /** The p-th percentile (0 < p <= 100) by nearest rank; NaN when empty. */
    public double percentile(double p) {
        if (sortedMillis.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedMillis.length) - 1;
        return sortedMillis[Math.max(0, Math.min(sortedMillis.length - 1, index))];
    }

    /** The number of samples. */
    public int count() {
        return sortedMillis.length;
    }

    /** "p50 1.23 ms  p90 ...  p99 ...  max ..." */
    public String summary() {
        return String.format("p50 %8.2f ms  p90 %8.2f ms  p99 %8.2f ms  max %8.2f ms", percentile(50),
                percentile(90), percentile(99), percentile(100));
    }
}
