package io.strata.jobs.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The framework's metrics in a Micrometer registry: schedule slip (how late a run was handed to the launcher,
 * and how late it was sent to the master, after its slot), skipped slots, and run outcomes.
 */
public final class JobMetrics {
    private final Timer triggerSlip;
    private final Timer launchSlip;
    private final Counter skipped;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter retried;

    /** Registers the meters in {@code registry}. */
    public JobMetrics(MeterRegistry registry) {
        this.triggerSlip = slip(registry, "jobs.schedule.slip", "slot to run queued");
        this.launchSlip = slip(registry, "jobs.launch.slip", "slot to task sent to the master");
        this.skipped = Counter.builder("jobs.runs.skipped").description("slots skipped").register(registry);
        this.succeeded = Counter.builder("jobs.runs.succeeded").register(registry);
        this.failed = Counter.builder("jobs.runs.failed").register(registry);
        this.retried = Counter.builder("jobs.runs.retried").register(registry);
    }

    private static Timer slip(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description).publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(5)).distributionStatisticBufferLength(3)
                .register(registry);
    }

    void triggerSlip(Duration late) {
        triggerSlip.record(late.isNegative() ? Duration.ZERO : late);
    }

    void launchSlip(Duration late) {
        launchSlip.record(late.isNegative() ? Duration.ZERO : late);
    }

    void skipped(long n) {
        if (n > 0) {
            skipped.increment(n);
        }
    }

    void succeeded() {
        succeeded.increment();
    }

    void failed() {
        failed.increment();
    }

    void retried() {
        retried.increment();
    }

    /** A flat snapshot for {@code GET /metrics}: counts and slip percentiles in milliseconds. */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "jobs/schedule_slip", triggerSlip);
        put(m, "jobs/launch_slip", launchSlip);
        m.put("jobs/runs_skipped", (long) skipped.count());
        m.put("jobs/runs_succeeded", (long) succeeded.count());
        m.put("jobs/runs_failed", (long) failed.count());
        m.put("jobs/runs_retried", (long) retried.count());
        return m;
    }

    private static void put(Map<String, Object> m, String prefix, Timer timer) {
        var snapshot = timer.takeSnapshot();
        m.put(prefix + "_count", snapshot.count());
        m.put(prefix + "_max_ms", snapshot.max(java.util.concurrent.TimeUnit.MILLISECONDS));
        for (ValueAtPercentile p : snapshot.percentileValues()) {
            m.put(prefix + "_p" + Math.round(p.percentile() * 100) + "_ms",
                    p.value(java.util.concurrent.TimeUnit.MILLISECONDS));
        }
    }
}
