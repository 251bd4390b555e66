package io.strata.services.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A latency timer: counts every sample and keeps the last {@value #RESERVOIR} in a ring for percentiles. Thread-safe;
 * recording takes a short lock (samples arrive at most some thousands per second).
 */
public final class LatencyTimer {
    private static final int RESERVOIR = 1 << 16;

    private final long[] ring = new long[RESERVOIR];
    private long count;
    private long sumNanos;
    private long maxNanos;

    /** Records one sample of {@code nanos} nanoseconds (negative samples count as 0). */
    public synchronized void record(long nanos) {
        long value = Math.max(0, nanos);
        ring[(int) (count % RESERVOIR)] = value;
        count++;
        sumNanos += value;
        maxNanos = Math.max(maxNanos, value);
    }

    /** Records the time since {@code startNanos} (a {@link System#nanoTime()} reading). */
    public void since(long startNanos) {
        record(System.nanoTime() - startNanos);
    }

    /** How many samples were recorded. */
    public synchronized long count() {
        return count;
    }

    /** Sum of all samples in seconds. */
    public synchronized double totalSeconds() {
        return sumNanos / 1e9;
    }

    /**
     * A Codahale-shaped timer snapshot in seconds: {@code count, max, mean, min, p50, p75, p95, p98, p99, p999,
     * duration_units, rate_units} (percentiles over the kept samples).
     */
    public synchronized Map<String, Object> snapshot() {
        int kept = (int) Math.min(count, RESERVOIR);
        long[] sorted = Arrays.copyOf(ring, kept);
        Arrays.sort(sorted);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", count);
        out.put("max", maxNanos / 1e9);
        out.put("mean", count == 0 ? 0.0 : sumNanos / 1e9 / count);
        out.put("min", kept == 0 ? 0.0 : sorted[0] / 1e9);
        for (double q : new double[] {0.5, 0.75, 0.95, 0.98, 0.99, 0.999}) {
            String name = "p" + (q == 0.999 ? "999" : String.valueOf((int) Math.round(q * 100)));
            out.put(name, kept == 0 ? 0.0 : sorted[Math.min(kept - 1, (int) Math.ceil(q * kept) - 1)] / 1e9);
        }
        out.put("duration_units", "seconds");
        out.put("rate_units", "calls/second");
        return out;
    }
}
