package io.strata.agent.isolation;

/**
 * The limits of one container: a CPU share (in CPUs, fractional allowed) and a hard memory limit in bytes.
 *
 * <p>Worked example for {@code cpus = 0.5}: shares {@code 0.5 * 1024 = 512}, CFS quota {@code 0.5 * 100000 = 50000}
 * microseconds per {@code 100000} microsecond period, cgroup2 weight {@code 1 + (512 - 2) * 9999 / 262142 = 20}.
 * No executor overhead is added (Mesos adds a little; we do not).
 */
public record ResourceLimits(double cpus, long memBytes) {

    /** The CFS period in microseconds used for every quota. */
    public static final long CFS_PERIOD_MICROS = 100_000;
    /** The smallest value the kernel accepts for {@code cpu.shares}. */
    public static final long MIN_CPU_SHARES = 2;
    /** The smallest CFS quota the kernel accepts, in microseconds. */
    public static final long MIN_CFS_QUOTA_MICROS = 1_000;
    private static final long MAX_CPU_SHARES = 262_144;

    /** Validates that both limits are positive and finite. */
    public ResourceLimits {
        if (!(cpus > 0) || Double.isInfinite(cpus)) {
            throw new IllegalArgumentException("cpus must be positive and finite: " + cpus);
        }
        if (memBytes <= 0) {
            throw new IllegalArgumentException("memBytes must be positive: " + memBytes);
        }
    }

    /** Returns the v1 {@code cpu.shares} value: {@code cpus * 1024}, at least 2. */
    public long cpuShares() {
        return Math.min(MAX_CPU_SHARES, Math.max(MIN_CPU_SHARES, Math.round(cpus * 1024)));
    }

    /** Returns the CFS quota in microseconds per {@link #CFS_PERIOD_MICROS}: {@code cpus * 100000}, at least 1 ms. */
    public long cfsQuotaMicros() {
        return Math.max(MIN_CFS_QUOTA_MICROS, Math.round(cpus * CFS_PERIOD_MICROS));
    }

    /** Returns the cgroup2 {@code cpu.weight} (1..10000) equivalent to {@link #cpuShares()}. */
    public long cpuWeight() {
        return 1 + ((cpuShares() - MIN_CPU_SHARES) * 9_999) / (MAX_CPU_SHARES - MIN_CPU_SHARES);
    }
}
